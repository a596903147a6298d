import type { IncomingMessage } from 'node:http';

/**
 * The origin of the Electron customer app's pages (main/appProtocol). Only the app can have it:
 * web pages cannot, so allowing it for customer sockets lets no foreign page in.
 */
export const DESKTOP_APP_ORIGIN = 'app://customer';

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
