import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerMetrics } from '../metrics';

export interface HealthChecks {
  ready(): Promise<boolean>;
  connections(): number;
  store: string;
  nodeId: string;
}

/**
 * For load balancers and monitoring. /healthz: the process is up (restart it if not). /readyz:
 * send it clients (with Redis configured, only while Redis answers). /metrics: Prometheus text.
 * On the public port /healthz and /readyz say only that much; the node's details and /metrics
 * need the monitoring token (METRICS_TOKEN) there. The monitoring port (METRICS_PORT) serves
 * everything: it is meant to be reachable from the monitoring network only.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  checks: HealthChecks,
  metrics: ServerMetrics,
  access: { public: true; token: string | undefined } | { public: false },
): void {
  const mayReadDetails = (request: FastifyRequest) =>
    !access.public || (access.token !== undefined && bearerMatches(request.headers.authorization, access.token));

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    const ready = await checks.ready();
    const status = ready ? 'ready' : 'not-ready';
    if (!mayReadDetails(request)) return reply.code(ready ? 200 : 503).send({ status });
    return reply.code(ready ? 200 : 503).send({
      status,
      store: checks.store,
      node: checks.nodeId,
      connections: checks.connections(),
    });
  });
  app.get('/metrics', async (request, reply) => {
    if (!mayReadDetails(request)) {
      // Without a token configured, /metrics does not exist here at all.
      if (access.public && access.token === undefined) return reply.callNotFound();
      return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ code: 'unauthenticated', message: 'Monitoring token required.' });
    }
    return reply.type(metrics.contentType).send(await metrics.render());
  });
}

/** Compares in constant time (over digests, so the length leaks nothing either). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (presented === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
