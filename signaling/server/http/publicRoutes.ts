import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';

/** What any page may know: branding for the customer page, and health for load balancers. */
export function registerPublicRoutes(
  app: FastifyInstance,
  config: Pick<Config, 'organisation' | 'productName' | 'defaultLocale'>,
  stats: () => { connections: number },
): void {
  app.get('/api/config', async () => ({
    organisation: config.organisation,
    productName: config.productName,
    defaultLocale: config.defaultLocale,
  }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async () => ({ status: 'ready', ...stats() }));
}
