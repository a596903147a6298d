import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Keys, passwords, cookies and SDP are never logged: redacted as a safety net.
 * Node's HTTP parser errors carry `rawPacket`, the raw bytes of the bad request (its Cookie header,
 * a `?key=` in its URL): dropped from every logged error, at every level.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: { err: errorWithoutRawPacket, error: errorWithoutRawPacket },
    redact: {
      paths: [
        'key',
        'password',
        'sdp',
        'data',
        'rawPacket',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.key',
        '*.password',
        '*.rawPacket',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

function errorWithoutRawPacket(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const serialized: Record<string, unknown> = { ...pino.stdSerializers.err(value) };
  delete serialized.rawPacket;
  return serialized;
}
