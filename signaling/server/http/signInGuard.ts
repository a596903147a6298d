import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodType } from 'zod';
import type { ClientWarnings } from '../clientWarnings';
import { isOriginAllowed } from '../network/originPolicy';

/**
 * What a sign-in request must be before it may count as an attempt: from one of our own pages
 * (a browser always sends Origin with a POST; a foreign page's does not match) and a JSON body of
 * the right shape. A cross-site form or `text/plain` POST is refused here, before the attempt
 * limiter sees it, so a hostile website cannot lock agents out by posting wrong passwords.
 */
export function signInGuard(
  allowedOrigins: ReadonlySet<string>,
  tls: boolean,
  body: ZodType,
  warnings: ClientWarnings,
): Pick<RouteOptions, 'onRequest' | 'preHandler' | 'errorHandler'> {
  const refuse = (reply: FastifyReply, status: number, code: string, message: string) =>
    reply.code(status).send({ code, message });
  return {
    // Before the body is read: nothing of a foreign or non-JSON request is parsed.
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isOriginAllowed(request.raw, allowedOrigins, { requireOrigin: false, tls })) {
        warnings.warn(request.ip, { origin: request.headers.origin }, 'sign-in refused: foreign origin');
        return refuse(reply, 403, 'forbidden-origin', 'Sign in on the agent console itself.');
      }
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        return refuse(reply, 415, 'unsupported-media-type', 'Send the sign-in as JSON.');
      }
      return undefined;
    },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      if (!body.safeParse(request.body).success) {
        return refuse(reply, 400, 'bad-request', 'Send a username and a password.');
      }
      return undefined;
    },
  };
}

/**
 * The sign-in routes' errors: a client's mistake (unparsable JSON, a body over the limit) is a 4xx
 * answer and a (rate-limited) warning; only a failing sign-in store (Redis under REDIS_URL) is a 503 and an error.
 */
export function signInErrorHandler(warnings: ClientWarnings): NonNullable<RouteOptions['errorHandler']> {
  return (error, request, reply) => {
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      warnings.warn(request.ip, { code: error.code }, 'sign-in request refused: unreadable body');
      return reply.code(status).send({ code: 'bad-request', message: 'This request could not be read.' });
    }
    request.log.error({ err: error }, 'agent sign-in store unavailable');
    return reply.code(503).send({ code: 'unavailable', message: 'Sign-in is unavailable right now. Please try again in a moment.' });
  };
}
