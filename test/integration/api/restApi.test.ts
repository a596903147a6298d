import assert from 'node:assert/strict';
import { ApiTokens } from '../../../signaling/server/api/tokens/apiTokens';
import { sharedTestDatabase } from '../../support/sharedTestDatabase';
import { connect, signIn, startTestServer, type TestServer } from '../harness';

describe('REST API /api/v1', function () {
  this.timeout(30_000);
  let t: TestServer;
  let token: string;
  let readOnly: string;

  before(async () => {
    // A receiver of key.issued, there before the server starts: a running node reads the endpoints
    // at most once a second (docs/webhooks.md), and this file's tests follow each other faster.
    await (await sharedTestDatabase()).db
      .insertInto('webhook_endpoints')
      .values({ id: 'ep_test', url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==', events: 'key.issued', created_at: new Date(), disabled_at: null })
      .execute();
    t = await startTestServer({ API_REQUESTS_PER_MINUTE: '40' });
    const tokens = new ApiTokens(t.server.database.db);
    token = (await tokens.create('crm', ['sessions:write', 'sessions:read', 'audit:read'])).token;
    readOnly = (await tokens.create('report', ['audit:read'])).token;
  });
  after(async () => {
    await t.close();
    await (await sharedTestDatabase()).db.deleteFrom('webhook_endpoints').where('id', '=', 'ep_test').execute();
  });

  const call = (path: string, init: RequestInit = {}, bearer = token) =>
    fetch(`${t.url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });

  it('serves an OpenAPI 3.1 document made from the zod schemas, and a docs page', async () => {
    const response = await fetch(`${t.url}/api/v1/openapi.json`);
    assert.equal(response.status, 200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/sessions']?.post);
    assert.ok(doc.paths['/api/v1/sessions/{sessionId}']?.delete);
    assert.ok(doc.paths['/api/v1/audit-events']?.get);
    assert.ok(doc.paths['/api/v1/receipts/{receiptId}']?.get);
    const docs = await fetch(`${t.url}/api/v1/docs`);
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await docs.text(), /POST \/api\/v1\/sessions/);
    assert.match(docs.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('refuses a missing, unknown, revoked or under-scoped token with a problem document', async () => {
    const none = await fetch(`${t.url}/api/v1/sessions`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(((await none.json()) as { status: number }).status, 401);
    assert.equal((await call('/sessions', {}, 'sst_nope')).status, 401);
    assert.equal((await call('/sessions', { method: 'POST', body: JSON.stringify({ agent: 'alice' }) }, readOnly)).status, 403);
    const tokens = new ApiTokens(t.server.database.db);
    const { token: doomed } = await tokens.create('doomed', ['audit:read']);
    assert.equal((await call('/audit-events', {}, doomed)).status, 200);
    assert.ok(await tokens.revoke('doomed'));
    assert.equal((await call('/audit-events', {}, doomed)).status, 401);
  });

  it('answers invalid input with 400 naming the field', async () => {
    const response = await call('/sessions', { method: 'POST', body: JSON.stringify({ agent: 'alice', conversationId: 'bad id <script>' }) });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as { errors: Array<{ path: string }> };
    assert.ok(problem.errors.some((e) => e.path.includes('conversationId')));
  });

  it('creates a session for a named agent: the customer joins with the key, the console link resumes it for that agent', async () => {
    const created = await call('/sessions', { method: 'POST', body: JSON.stringify({ agent: 'alice', conversationId: 'call-4711' }) });
    assert.equal(created.status, 201);
    const session = (await created.json()) as { sessionId: string; key: string; keyExpiresAt: string; consoleUrl: string };
    assert.match(session.key, /^\d{9}$/);
    assert.ok(Date.parse(session.keyExpiresAt) > Date.now());
    const link = new URL(session.consoleUrl);
    assert.equal(link.pathname, '/agent');
    const fragment = new URLSearchParams(link.hash.slice(1));
    assert.equal(fragment.get('session'), session.sessionId);

    const state = (await (await call(`/sessions/${session.sessionId}`)).json()) as { phase: string; live: boolean; conversationId: string; agent: string };
    assert.deepEqual([state.live, state.phase, state.conversationId, state.agent], [true, 'waiting', 'call-4711', 'alice']);

    const agent = await connect(t.url, 'agent', { cookie: await signIn(t.url) });
    agent.send({ type: 'session.resume', token: fragment.get('token'), hasPeer: false });
    const resumed = await agent.next('session.resumed');
    assert.equal(resumed.key, session.key);

    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key: session.key });
    await customer.next('key.accepted');
    assert.equal((await agent.next('session.update')).phase, 'key-entered');

    assert.equal((await call(`/sessions/${session.sessionId}`, { method: 'DELETE' })).status, 204);
    assert.equal((await customer.next('session.ended')).by, 'server');
    await agent.next('session.ended');
    assert.equal((await call(`/sessions/${session.sessionId}`, { method: 'DELETE' })).status, 404);
    agent.close();
    customer.close();
  });

  it('keeps the console\'s ?conversation= id with a session the agent starts', async () => {
    const agent = await connect(t.url, 'agent', { cookie: await signIn(t.url) });
    agent.send({ type: 'session.create', ref: 'c1', conversation: 'ticket-815' });
    const { sessionId } = await agent.next('session.key');
    const state = (await (await call(`/sessions/${sessionId}`)).json()) as { conversationId: string };
    assert.equal(state.conversationId, 'ticket-815');
    agent.close();
  });

  it('records every use of a token on the audit trail, and queues webhooks with the conversation id in the same transaction', async () => {
    const { db } = t.server.database;
    const created = await call('/sessions', { method: 'POST', body: JSON.stringify({ agent: 'alice', conversationId: 'call-9001' }) });
    assert.equal(created.status, 201);
    const { sessionId } = (await created.json()) as { sessionId: string };
    const queued = await db.selectFrom('webhook_outbox').select(['event_type', 'payload']).where('endpoint_id', '=', 'ep_test').execute();
    const payloads = queued.map((row) => JSON.parse(row.payload) as { data: { sessionId: string; conversationId: string } });
    const ours = payloads.filter((payload) => payload.data.sessionId === sessionId);
    assert.deepEqual(
      ours.map((payload) => payload.data.conversationId),
      ['call-9001'],
    );

    // The use is recorded once the answer went out: wait for the record, not for a time.
    const recorded = async () => {
      const rows = await db.selectFrom('audit_events').select(['actor', 'details']).where('type', '=', 'api.request').execute();
      return rows.map((row) => ({ actor: row.actor, ...(row.details as { tokenName?: string; route?: string; method?: string; status?: number }) }));
    };
    let used = await recorded();
    while (!used.some((d) => d.method === 'POST' && d.status === 201)) {
      await new Promise((resolve) => setImmediate(resolve));
      used = await recorded();
    }
    const post = used.find((d) => d.method === 'POST' && d.status === 201);
    assert.deepEqual([post?.tokenName, post?.route, post?.actor], ['crm', '/api/v1/sessions', 'integration']);
  });

  it('refuses an unknown agent with 404', async () => {
    const response = await call('/sessions', { method: 'POST', body: JSON.stringify({ agent: 'nobody' }) });
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });

  it('lists audit events with cursor paging', async () => {
    const page = await call('/audit-events?limit=2');
    assert.equal(page.status, 200);
    const body = (await page.json()) as { events: unknown[]; nextCursor: string | null };
    assert.ok(Array.isArray(body.events));
    assert.equal((await call('/sessions?outcome=shared&limit=5')).status, 200);
    assert.equal((await call('/sessions?outcome=bogus')).status, 400);
  });

  it('limits requests per token (429 with Retry-After)', async () => {
    const tokens = new ApiTokens(t.server.database.db);
    const { token: busy } = await tokens.create('busy', ['audit:read']);
    const statuses = [];
    for (let i = 0; i < 41; i += 1) statuses.push((await call('/audit-events?limit=1', {}, busy)).status);
    assert.equal(statuses.filter((s) => s === 200).length, 40);
    const last = await call('/audit-events?limit=1', {}, busy);
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('retry-after')) > 0);
    // Another token is not affected.
    assert.equal((await call('/audit-events?limit=1', {}, readOnly)).status, 200);
  });
});
