import { createHmac } from 'node:crypto';
import type { IceServer } from '../../protocol';

/**
 * Short-lived TURN credentials (the "TURN REST API" scheme coturn implements with
 * `use-auth-secret` + `static-auth-secret`): the username is "<expiry unix time>:<label>", the
 * password is base64(HMAC-SHA1(secret, username)). Clients never see a static TURN password, and a
 * leaked credential stops working when it expires.
 */
export function turnCredential(secret: string, label: string, ttlSeconds: number, nowMs = Date.now()) {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiry}:${label}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export const isTurn = (urls: IceServer['urls']) => (Array.isArray(urls) ? urls : [urls]).some((url) => /^turns?:/i.test(url));

/**
 * The ICE servers one client is given: TURN entries without their own username get fresh
 * credentials when a TURN secret is configured; STUN entries and explicit credentials pass as is.
 */
export function iceServersFor(
  servers: readonly IceServer[],
  turn: { secret: string; ttlSeconds: number } | undefined,
  label: string,
  nowMs = Date.now(),
): IceServer[] {
  return servers.map((server) =>
    turn && isTurn(server.urls) && !server.username ? { ...server, ...turnCredential(turn.secret, label, turn.ttlSeconds, nowMs) } : { ...server },
  );
}
