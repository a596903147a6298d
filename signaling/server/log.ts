import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs. Keys, passwords, cookies and SDP are never logged: redacted as a safety net. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['key', 'password', 'sdp', 'data', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.key', '*.password'],
      censor: '[redacted]',
    },
  });
}
