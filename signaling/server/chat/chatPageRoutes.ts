import type { FastifyInstance } from 'fastify';
import { allowFramingBy } from '../http/frameAncestors';
import type { ChatConfig } from './chatConfig';

/**
 * /chat (the customer chat page) and /widget.js (the loader a team puts on its own site).
 * /chat may be framed by the team's sites listed in CHAT_EMBED_ORIGINS, and by nobody else;
 * every other page keeps frame-ancestors 'none'. widget.js is a public script any site may load.
 */
export function registerChatPageRoutes(app: FastifyInstance, config: Pick<ChatConfig, 'embedOrigins'>): void {
  app.get('/chat', async (_request, reply) => {
    allowFramingBy(reply, config.embedOrigins);
    return reply.header('Cache-Control', 'no-cache').sendFile('chat.html');
  });
  app.get('/widget.js', async (_request, reply) =>
    reply
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Access-Control-Allow-Origin', '*')
      .header('Cache-Control', 'public, max-age=300')
      .type('text/javascript; charset=utf-8')
      .sendFile('chat-widget.js'),
  );
}
