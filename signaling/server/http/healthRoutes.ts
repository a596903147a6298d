import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from '../metrics';

/**
 * For load balancers and monitoring. /healthz: the process is up (restart it if not). /readyz:
 * send it clients (with Redis configured, only while Redis answers). /metrics: Prometheus text.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  checks: { ready(): Promise<boolean>; connections(): number; store: string; nodeId: string },
  metrics: ServerMetrics,
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await checks.ready();
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not-ready',
      store: checks.store,
      node: checks.nodeId,
      connections: checks.connections(),
    });
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()));
}
