import type { IncomingMessage } from 'node:http';

/**
 * Which pages may open a signaling socket. A browser always sends Origin; an agent socket also
 * carries the sign-in cookie, so a foreign page must never be able to open one (cross-site
 * WebSocket hijacking). Allowed: the server's own origin, PUBLIC_URL, and ALLOWED_ORIGINS.
 */
export function isOriginAllowed(
  request: IncomingMessage,
  allowed: ReadonlySet<string>,
  options: { requireOrigin: boolean; tls: boolean },
): boolean {
  const origin = request.headers.origin;
  if (!origin) return !options.requireOrigin;
  if (allowed.has(origin)) return true;
  const host = request.headers.host;
  return host !== undefined && origin === `${options.tls ? 'https' : 'http'}://${host}`;
}
