import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';

/** What any page may know: branding for the customer page. (Health and metrics: healthRoutes.ts.) */
export function registerPublicRoutes(
  app: FastifyInstance,
  config: Pick<Config, 'organisation' | 'productName' | 'defaultLocale'>,
): void {
  app.get('/api/config', async () => ({
    organisation: config.organisation,
    productName: config.productName,
    defaultLocale: config.defaultLocale,
  }));
}
