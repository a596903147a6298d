import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';

/** What any page may know: branding for the customer page. (Health and metrics: healthRoutes.ts.) */
export function registerPublicRoutes(
  app: FastifyInstance,
  config: Pick<Config, 'organisation' | 'productName' | 'defaultLocale'>,
): void {
  // Public branding, no credentials: any origin may read it (the desktop app's app:// page does).
  app.get('/api/config', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    return {
      organisation: config.organisation,
      productName: config.productName,
      defaultLocale: config.defaultLocale,
    };
  });
}
