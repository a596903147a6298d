import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { allowFramingBy } from './frameAncestors';

/**
 * The built pages (dist/web): customer page at /, agent console at /agent. The console may be
 * framed by the contact-center desktops in CONSOLE_EMBED_ORIGINS, and by nobody when it is empty.
 */
export async function registerPageRoutes(app: FastifyInstance, webRoot: string, consoleEmbedOrigins: readonly string[] = []): Promise<void> {
  if (!existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`The web pages are not built (${webRoot}/index.html is missing). Run "npm run build" first.`);
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    index: ['index.html'],
    setHeaders: (reply, filePath) => {
      if (filePath.endsWith('.html')) reply.header('Cache-Control', 'no-cache');
    },
  });
  app.get('/agent', async (_request, reply) => {
    if (consoleEmbedOrigins.length > 0) allowFramingBy(reply, consoleEmbedOrigins);
    return reply.header('Cache-Control', 'no-cache').sendFile('agent.html');
  });
}
