import type { z } from 'zod';

/** A wrong environment variable: main.ts prints the message (one line per variable) and stops. */
export class ConfigError extends Error {}

/** The ConfigError for environment variables a zod schema refused, naming each one. */
export function invalidEnvironment(error: z.ZodError): ConfigError {
  const lines = error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
