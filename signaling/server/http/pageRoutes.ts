import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The built pages (dist/web): customer page at /, agent console at /agent. */
export async function registerPageRoutes(app: FastifyInstance, webRoot: string): Promise<void> {
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
  app.get('/agent', async (_request, reply) => reply.header('Cache-Control', 'no-cache').sendFile('agent.html'));
}
