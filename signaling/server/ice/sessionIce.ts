import type { IceServer } from '../../protocol';
import type { Config } from '../config';
import type { ClientConnection } from '../context/clientConnection';
import { iceServersFor, isTurn } from './turnCredentials';

type IceConfig = Pick<Config, 'iceServers' | 'turn'>;

/** Renewals go out this long before the credentials lapse. */
const RENEW_BEFORE_FRACTION = 0.25;

/** What a socket gets on hello: servers that need no credentials (STUN). Never a TURN server. */
export function publicIceServers(config: IceConfig): IceServer[] {
  return config.iceServers.filter((server) => !isTurn(server.urls)).map((server) => ({ ...server }));
}

/**
 * Gives a member of a session its ICE servers, TURN included, with credentials bound to the session
 * and the member's role (TURN REST username "<expiry>:<sessionId>:<role>"), and renews them on
 * this connection before they lapse for as long as it stays in the session. Called only for a
 * signed-in agent's own session and for a customer whose key was accepted or who resumed.
 */
export function grantSessionIce(config: IceConfig, connection: ClientConnection, sessionId: string): void {
  const ttlSeconds = config.turn?.ttlSeconds;
  // One clock reading for both, so expiresAt is exactly the expiry in the TURN username.
  const nowMs = Date.now();
  connection.send({
    type: 'session.ice',
    sessionId,
    iceServers: iceServersFor(config.iceServers, config.turn, `${sessionId}:${connection.role}`, nowMs),
    expiresAt: ttlSeconds === undefined ? null : (Math.floor(nowMs / 1000) + ttlSeconds) * 1000,
  });
  if (ttlSeconds === undefined) return;
  const renewInMs = ttlSeconds * 1000 * (1 - RENEW_BEFORE_FRACTION);
  connection.scheduleForSession(sessionId, renewInMs, () => grantSessionIce(config, connection, sessionId));
}
