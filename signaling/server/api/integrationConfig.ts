import { z } from 'zod';
import { invalidEnvironment } from '../configError';

const origins = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : []))
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be origins like https://desk.example.com, comma-separated')));

const IntegrationEnv = z.object({
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  CONSOLE_EMBED_ORIGINS: origins,
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(5),
});

/** The REST API, webhooks and framing of the console by a contact-center desktop. */
export interface IntegrationConfig {
  readonly apiRequestsPerMinute: number;
  /** Sites that may show the agent console in a frame (frame-ancestors). */
  readonly consoleEmbedOrigins: readonly string[];
  /** Deliver webhooks to private and loopback addresses too (tests, an internal CRM). */
  readonly webhookAllowPrivate: boolean;
  readonly webhookTimeoutMs: number;
  /** The first retry's delay; it doubles per attempt up to an hour, for 26 hours. */
  readonly webhookRetryBaseMs: number;
}

export function loadIntegrationConfig(env: NodeJS.ProcessEnv): IntegrationConfig {
  const parsed = IntegrationEnv.safeParse(env);
  if (!parsed.success) throw invalidEnvironment(parsed.error);
  const e = parsed.data;
  return {
    apiRequestsPerMinute: e.API_REQUESTS_PER_MINUTE,
    consoleEmbedOrigins: e.CONSOLE_EMBED_ORIGINS,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
    webhookRetryBaseMs: e.WEBHOOK_RETRY_BASE_SECONDS * 1000,
  };
}
