import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log';
import type { ServerMetrics } from '../metrics';
import type { MonitoringConfig } from './monitoringConfig';
import { registerHealthRoutes, type HealthChecks } from './healthRoutes';

export interface MonitoringServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The monitoring port (METRICS_PORT): /metrics, /readyz with details and /healthz, nothing else. */
export async function startMonitoringServer(
  config: MonitoringConfig & { port: number },
  checks: HealthChecks,
  metrics: ServerMetrics,
  log: Logger,
): Promise<MonitoringServer> {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    requestTimeout: 10_000,
  });
  registerHealthRoutes(app, checks, metrics, { public: false });
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
