import type { FastifyReply } from 'fastify';

/**
 * Lets this one response be framed by our own pages and `origins` (every other page keeps
 * frame-ancestors 'none'). frame-ancestors replaces X-Frame-Options, which cannot name other sites.
 */
export function allowFramingBy(reply: FastifyReply, origins: readonly string[]): void {
  const raw = reply.raw;
  const csp = raw.getHeader('Content-Security-Policy');
  if (typeof csp === 'string') {
    raw.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${["'self'", ...origins].join(' ')}`));
  }
  raw.removeHeader('X-Frame-Options');
}
