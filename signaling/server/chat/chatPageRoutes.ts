import type { FastifyInstance } from 'fastify';
import type { ChatConfig } from './chatConfig';

/**
 * /chat (the customer chat page) and /widget.js (the loader a team puts on its own site).
 * /chat may be framed by the team's sites listed in CHAT_EMBED_ORIGINS, and by nobody else;
 * every other page keeps frame-ancestors 'none'. widget.js is a public script any site may load.
 */
export function registerChatPageRoutes(app: FastifyInstance, config: Pick<ChatConfig, 'embedOrigins'>): void {
  const ancestors = ["'self'", ...config.embedOrigins].join(' ');
  app.get('/chat', async (_request, reply) => {
    const raw = reply.raw;
    const csp = raw.getHeader('Content-Security-Policy');
    if (typeof csp === 'string') {
      raw.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
    }
    // frame-ancestors replaces X-Frame-Options (which cannot name other sites).
    raw.removeHeader('X-Frame-Options');
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
