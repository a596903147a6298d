import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/openDatabase';
import { endSession } from '../sessions/endSession';
import { createApiAuth } from './apiAuth';
import {
  CreateSessionBody,
  EventListQuery,
  EventPage,
  AuditEventOut,
  ProblemOut,
  ReceiptParams,
  SessionCreated,
  SessionIdParams,
  SessionListQuery,
  SessionPage,
  SessionState,
} from './apiSchemas';
import { consoleLink, openApiSession, type ApiSessionContext } from './apiSessions';
import { endedSession, findReceipt, listEvents, listSessions } from './auditQueries';
import { renderApiDocs } from './apiDocsPage';
import { problemErrorHandler, sendProblem } from './problem';
import type { ApiToken, ApiTokens } from './tokens/apiTokens';

export interface ApiUse {
  readonly token: ApiToken;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly sessionId: string | undefined;
  readonly address: string;
}

export interface ApiOptions extends ApiSessionContext {
  readonly database: Database;
  readonly tokens: ApiTokens;
  readonly requestsPerMinute: number;
  /** The server's address for links (PUBLIC_URL, else the listening address). */
  readonly baseUrl: () => string;
  /** Records each authenticated request (the audit trail). */
  readonly recordUse: (use: ApiUse) => void;
}

const problems = { 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 429: ProblemOut };
const bearer = [{ bearer: [] }];

/** The REST API for integrations at /api/v1, described by /api/v1/openapi.json. */
export async function registerApi(app: FastifyInstance, options: ApiOptions): Promise<void> {
  await app.register(
    async (plain) => {
      plain.setValidatorCompiler(validatorCompiler);
      plain.setSerializerCompiler(serializerCompiler);
      plain.setErrorHandler(problemErrorHandler);
      plain.setNotFoundHandler((_request, reply) => sendProblem(reply, { status: 404, title: 'Not found', detail: 'There is no such API endpoint.' }));
      await plain.register(fastifySwagger, {
        openapi: {
          openapi: '3.1.0',
          info: {
            title: 'Screen Share API',
            version: '1.0.0',
            description: 'Start voice-key screen shares for agents, follow them, and read the audit trail. Errors are RFC 9457 problem documents.',
          },
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `npm run tokens -- create`' } } },
        },
        transform: jsonSchemaTransform,
        transformObject: jsonSchemaTransformObject,
      });
      const api = plain.withTypeProvider<ZodTypeProvider>();
      const requireScope = createApiAuth(options);
      const { db } = options.database;

      api.addHook('onResponse', async (request, reply) => {
        const token = request.apiToken;
        if (!token) return;
        const params = request.params as { sessionId?: unknown } | undefined;
        options.recordUse({
          token,
          method: request.method,
          route: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
          status: reply.statusCode,
          sessionId: typeof params?.sessionId === 'string' ? params.sessionId : undefined,
          address: request.ip,
        });
      });

      api.get('/openapi.json', { schema: { hide: true } }, async () => plain.swagger());
      api.get('/docs', { schema: { hide: true } }, async (_request, reply) =>
        reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(renderApiDocs(plain.swagger())),
      );

      api.post(
        '/sessions',
        {
          onRequest: requireScope('sessions:write'),
          schema: {
            summary: 'Start a voice-key screen share for an agent',
            description: 'Returns the key the agent reads to the customer and a link that opens the session in that agent\'s console.',
            tags: ['sessions'],
            security: bearer,
            body: CreateSessionBody,
            response: { 201: SessionCreated, ...problems },
          },
        },
        async (request, reply) => {
          const opened = await openApiSession(options, request.body.agent, request.body.conversationId);
          if (!opened) return sendProblem(reply, { status: 404, title: 'Unknown agent', detail: `There is no agent named "${request.body.agent}".` });
          if (opened === 'too-many') return sendProblem(reply, { status: 429, title: 'Too many sessions', detail: 'This agent already runs as many screen shares as allowed.' });
          return reply.code(201).send({
            sessionId: opened.sessionId,
            key: opened.key,
            keyExpiresAt: new Date(opened.keyExpiresAt).toISOString(),
            consoleUrl: consoleLink(options.baseUrl(), opened.sessionId, opened.agentToken, request.body.conversationId),
          });
        },
      );

      api.get(
        '/sessions/:sessionId',
        {
          onRequest: requireScope('sessions:read'),
          schema: { summary: "Read a session's state", tags: ['sessions'], security: bearer, params: SessionIdParams, response: { 200: SessionState, ...problems } },
        },
        async (request, reply) => {
          const { sessionId } = request.params;
          const live = await options.ctx.store.getSession(sessionId);
          if (live) {
            return {
              sessionId,
              live: true,
              phase: live.phase,
              agent: live.agentUsername,
              conversationId: live.conversationId ?? null,
              createdAt: new Date(live.createdAt).toISOString(),
              keyExpiresAt: live.keyExpiresAt === null ? null : new Date(live.keyExpiresAt).toISOString(),
            };
          }
          const ended = await endedSession(db, sessionId);
          if (!ended) return sendProblem(reply, { status: 404, title: 'Unknown session', detail: 'No session with this id is running or on record.' });
          return { sessionId, live: false, phase: 'ended' as const, agent: ended.agent, conversationId: ended.conversationId, createdAt: ended.createdAt.toISOString(), keyExpiresAt: null };
        },
      );

      api.delete(
        '/sessions/:sessionId',
        {
          onRequest: requireScope('sessions:write'),
          schema: { summary: 'End a running session', tags: ['sessions'], security: bearer, params: SessionIdParams, response: { 204: z.null(), ...problems } },
        },
        async (request, reply) => {
          const { sessionId } = request.params;
          if (!(await options.ctx.store.getSession(sessionId))) {
            return sendProblem(reply, { status: 404, title: 'Unknown session', detail: 'No session with this id is running.' });
          }
          await endSession(options.ctx, sessionId, 'server', 'ended');
          return reply.code(204).send(null);
        },
      );

      api.get(
        '/sessions',
        {
          onRequest: requireScope('sessions:read'),
          schema: { summary: 'List sessions from the audit trail, newest first', tags: ['sessions'], security: bearer, querystring: SessionListQuery, response: { 200: SessionPage, ...problems } },
        },
        async (request) => listSessions(db, request.query),
      );

      api.get(
        '/audit-events',
        {
          onRequest: requireScope('audit:read'),
          schema: { summary: 'List audit events in the order they happened', tags: ['audit'], security: bearer, querystring: EventListQuery, response: { 200: EventPage, ...problems } },
        },
        async (request) => listEvents(db, request.query),
      );

      api.get(
        '/receipts/:receiptId',
        {
          onRequest: requireScope('audit:read'),
          schema: { summary: 'Read a consent receipt (the event that records the consent)', tags: ['audit'], security: bearer, params: ReceiptParams, response: { 200: AuditEventOut, ...problems } },
        },
        async (request, reply) => {
          const receipt = await findReceipt(db, request.params.receiptId);
          return receipt ?? sendProblem(reply, { status: 404, title: 'Unknown receipt', detail: 'No consent receipt has this id.' });
        },
      );
    },
    { prefix: '/api/v1' },
  );
}
