/** Largest WebSocket message the server accepts; larger frames close the socket with 1009. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_SDP_CHARS = 48 * 1024;
export const MAX_CANDIDATE_CHARS = 1024;
export const PROTOCOL_VERSION = 1;
/** WebSocket close codes of our own (4000-4999 are free for applications). */
export const CloseCode = {
  protocolError: 4400,
  unauthenticated: 4401,
  notAllowed: 4403,
  helloTimeout: 4408,
  rateLimited: 4429,
  serverShutdown: 4503,
  /** The standard 1012: this node restarts, the session lives on; reconnect and resume. */
  serviceRestart: 1012,
} as const;
