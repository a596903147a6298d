import { z } from 'zod';
// A cycle with config.ts, resolved at call time: loadConfig calls us after both modules loaded.
import { invalidEnvironment } from '../configError';

/** Who may read /metrics and the details of /readyz (README, configuration table). */
const MonitoringEnv = z.object({
  /** A second port that serves only /metrics, /readyz and /healthz, for the monitoring network. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** With it, the main port serves /metrics and the /readyz details to `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
});

export interface MonitoringConfig {
  /** Set: a separate monitoring listener on this port (0 picks a free one). */
  readonly port: number | undefined;
  readonly host: string;
  readonly token: string | undefined;
}

export function loadMonitoringConfig(env: NodeJS.ProcessEnv): MonitoringConfig {
  const parsed = MonitoringEnv.safeParse(env);
  if (!parsed.success) {
    throw invalidEnvironment(parsed.error);
  }
  return { port: parsed.data.METRICS_PORT, host: parsed.data.METRICS_HOST, token: parsed.data.METRICS_TOKEN };
}
