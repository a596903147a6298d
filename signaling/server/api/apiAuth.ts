import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sendProblem } from './problem';
import type { ApiScope, ApiToken, ApiTokens } from './tokens/apiTokens';

declare module 'fastify' {
  interface FastifyRequest {
    apiToken?: ApiToken;
  }
}

export interface ApiAuthOptions {
  readonly tokens: ApiTokens;
  /** Requests one token may make per minute (API_REQUESTS_PER_MINUTE). */
  readonly requestsPerMinute: number;
}

/**
 * Bearer-token authentication for /api/v1: the token must be live and carry the route's scope,
 * and each token has its own request budget per minute (429 with Retry-After beyond it).
 */
export function createApiAuth(options: ApiAuthOptions): (scope: ApiScope) => onRequestHookHandler {
  const limiter = new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 });
  return (scope) =>
    async function requireToken(request: FastifyRequest, reply: FastifyReply) {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer ([\w.~+/=-]{1,200})$/i.exec(header);
      const token = match?.[1] ? await options.tokens.verify(match[1]) : undefined;
      if (!token) {
        reply.header('WWW-Authenticate', 'Bearer realm="api"');
        return sendProblem(reply, { status: 401, title: 'Unauthorized', detail: 'Send a live API token: Authorization: Bearer <token>.' });
      }
      request.apiToken = token;
      if (!token.scopes.includes(scope)) {
        return sendProblem(reply, { status: 403, title: 'Forbidden', detail: `This token lacks the scope ${scope}.` });
      }
      try {
        await limiter.consume(token.id);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        reply.header('Retry-After', String(Math.ceil(error.msBeforeNext / 1000)));
        return sendProblem(reply, { status: 429, title: 'Too many requests', detail: `At most ${options.requestsPerMinute} requests a minute per token.` });
      }
    };
}
