import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { HISTORY_PAGE_SIZE, HistoryQuery, type HistoryPage, type HistoryRole, type SessionTimeline } from '../../protocol/history';
import { AGENT_COOKIE } from '../auth/agentSessions';
import type { SignInCheck } from '../auth/signInCheck';
import type { Database } from '../db/openDatabase';
import type { AgentRole } from '../db/schema';
import { historyCsv } from './historyCsv';
import { historyEntry, historyPage, sessionTimeline, type HistoryFilter } from './historyQueries';

export interface HistoryRouteDeps {
  readonly database: Database;
  readonly signedIn: SignInCheck;
  /** The account's current role (AccountDirectory.roleOf): read on every request, so a change takes effect at once. */
  readonly roleOf: (username: string) => AgentRole | undefined;
}

const SessionParams = z.object({ sessionId: z.string().min(1).max(64) });

interface Viewer {
  username: string;
  role: HistoryRole;
}

/**
 * The agent console's history: an agent reads their own share sessions and the chats they took, a
 * supervisor everyone's.
 * Authorised here, on every request, from the sign-in cookie and the account's current role.
 */
export function registerHistoryRoutes(app: FastifyInstance, deps: HistoryRouteDeps): void {
  const db = deps.database.db;
  const refuse = (reply: FastifyReply, status: number, code: string, message: string) =>
    reply.code(status).header('cache-control', 'no-store').send({ code, message });

  const viewerOf = async (request: FastifyRequest, reply: FastifyReply): Promise<Viewer | undefined> => {
    const agent = (await deps.signedIn(request.cookies[AGENT_COOKIE]))?.agent;
    if (!agent) {
      await refuse(reply, 401, 'unauthenticated', 'Please sign in.');
      return undefined;
    }
    return { username: agent.username, role: deps.roleOf(agent.username) === 'supervisor' ? 'supervisor' : 'agent' };
  };

  /** The query, narrowed to what this viewer may read; undefined when refused (answered). */
  const filterFor = async (request: FastifyRequest, reply: FastifyReply): Promise<{ viewer: Viewer; filter: HistoryFilter; cursor?: number } | undefined> => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return undefined;
    const query = HistoryQuery.safeParse(request.query);
    if (!query.success) {
      await refuse(reply, 400, 'bad-request', 'These filters could not be read.');
      return undefined;
    }
    const { cursor, ...filter } = query.data;
    if (viewer.role !== 'supervisor') {
      if (filter.agent !== undefined && filter.agent.toLowerCase() !== viewer.username.toLowerCase()) {
        await refuse(reply, 403, 'forbidden', "Only supervisors can see other agents' history.");
        return undefined;
      }
      filter.agent = viewer.username;
    }
    return { viewer, filter, ...(cursor === undefined ? {} : { cursor: Number(cursor) }) };
  };

  app.get('/api/agent/history', async (request, reply) => {
    const asked = await filterFor(request, reply);
    if (!asked) return reply;
    const page = await historyPage(db, asked.filter, { cursor: asked.cursor, limit: HISTORY_PAGE_SIZE });
    const body: HistoryPage = { viewer: asked.viewer, rows: page.rows, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get('/api/agent/history/sessions/:sessionId', async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return reply;
    const params = SessionParams.safeParse(request.params);
    const entry = params.success ? await historyEntry(db, params.data.sessionId) : undefined;
    // Another agent's session or chat answers exactly like one that does not exist.
    if (!params.success || !entry || (viewer.role !== 'supervisor' && !entry.agents.includes(viewer.username))) {
      return refuse(reply, 404, 'not-found', 'There is no such session in your history.');
    }
    const body: SessionTimeline = { sessionId: params.data.sessionId, events: await sessionTimeline(db, params.data.sessionId, entry.kind) };
    return reply.header('cache-control', 'no-store').send(body);
  });

  // One export at a time per account: each reads up to MAX_CSV_ROWS sessions.
  const exporting = new Set<string>();
  app.get('/api/agent/history.csv', async (request, reply) => {
    const asked = await filterFor(request, reply);
    if (!asked) return reply;
    const key = asked.viewer.username.toLowerCase();
    if (exporting.has(key)) return refuse(reply, 429, 'export-running', 'An export is already running. Please wait for it to finish.');
    exporting.add(key);
    const stream = Readable.from(historyCsv(db, asked.filter));
    const done = () => exporting.delete(key);
    stream.once('close', done);
    stream.once('error', (error) => request.log.error({ err: error }, 'history export failed'));
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('cache-control', 'no-store')
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="screen-share-history-${day}.csv"`)
      .send(stream);
  });
}
