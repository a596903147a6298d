import * as z from 'zod';

/** Every error the server can answer with. Clients map each code to a translated message. */
export const ErrorCode = z.enum([
  'bad-message',
  'unsupported-protocol',
  'hello-required',
  'not-allowed',
  'rate-limited',
  'unknown-session',
  'already-in-session',
  'key-malformed',
  'key-wrong',
  'key-expired',
  'key-used',
  'key-replaced',
  'too-many-attempts',
  'resume-expired',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
