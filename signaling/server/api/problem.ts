import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** An RFC 9457 problem document. */
export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', ...problem }));
}

/** Every error of /api/v1 leaves as application/problem+json: invalid input names its fields. */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    return sendProblem(reply, {
      status: 400,
      title: 'Invalid request',
      detail: error.message,
      errors: error.validation.map((issue) => ({ path: issue.instancePath, message: issue.message })),
    });
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'api request failed');
    return sendProblem(reply, { status: 500, title: 'Internal error', detail: 'The request could not be completed.' });
  }
  return sendProblem(reply, { status, title: error.code ?? 'Bad request', detail: error.message });
}
