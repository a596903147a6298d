import type { FastifyInstance } from 'fastify';
import { BRAND_LOGO_PATH } from '../../../branding/publicBrand';
import type { Config } from '../config';

/** What any page may know: branding for the customer page and the chat widget. (Health and metrics: healthRoutes.ts.) */
export function registerPublicRoutes(
  app: FastifyInstance,
  config: Pick<Config, 'organisation' | 'productName' | 'productNameChosen' | 'defaultLocale' | 'brand'>,
): void {
  // Public branding, no credentials: any origin may read it (the desktop app's app:// page does).
  app.get('/api/config', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    return {
      organisation: config.organisation,
      productName: config.productName,
      // false: the neutral default ("Screen Share"), which each page shows in its own language instead.
      productNameChosen: config.productNameChosen,
      defaultLocale: config.defaultLocale,
      brand: config.brand.public,
    };
  });

  const logo = config.brand.logo;
  if (logo) {
    app.get(BRAND_LOGO_PATH, async (_request, reply) =>
      reply
        .header('Content-Type', logo.contentType)
        .header('Cache-Control', 'public, max-age=300')
        .header('Access-Control-Allow-Origin', '*')
        .header('Cross-Origin-Resource-Policy', 'cross-origin')
        // An SVG opened on its own is a document: it may run nothing and load nothing.
        .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('X-Content-Type-Options', 'nosniff')
        .send(logo.bytes),
    );
  }
}
