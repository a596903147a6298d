import { socketOrigin } from './config';

/**
 * Content-Security-Policy of the app's own pages. Everything comes from the app bundle; the only
 * network peers are the allowed signaling servers (their https/http origin for the API and their
 * wss/ws origin for signaling).
 */
export function customerPageCsp(allowedServers: readonly string[]): string {
  const connect = allowedServers.flatMap((origin) => [origin, socketOrigin(origin)]);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src ${connect.length ? connect.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The indicator and pointer overlay pages talk to nobody. */
export const INDICATOR_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
