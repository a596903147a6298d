import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HistoryPage, SessionTimeline, type HistoryRow } from '../../../signaling/protocol/history';
import { writeAccounts } from '../../../signaling/server/accounts/accountFile';
import { hashPassword } from '../../../signaling/server/accounts/passwords';
import type { AuditEventInput } from '../../../signaling/server/audit/auditEvent';
import { AuditLog } from '../../../signaling/server/audit/auditLog';
import { copyPGliteTemplate } from '../../support/pgliteTemplate';
import { agentWithSession, signIn, startTestServer, type TestServer } from '../harness';

/**
 * The history API as the agent console uses it, on a server of its own (own database): alice
 * and bob are agents, sue is a supervisor. Sessions are written by the real audit log.
 */
describe('history of share sessions (/api/agent/history)', () => {
  let t: TestServer;
  let dir: string;
  const cookies: Record<'alice' | 'bob' | 'sue', string> = { alice: '', bob: '', sue: '' };
  const t0 = new Date('2026-11-02T09:00:00Z');

  before(async function () {
    this.timeout(120_000);
    dir = await mkdtemp(path.join(tmpdir(), 'history-'));
    await copyPGliteTemplate(path.join(dir, 'database'));
    // alice and bob are agents (imported from the agents file), sue (DEMO_AGENT) is a supervisor.
    const agentsFile = path.join(dir, 'agents.json');
    await writeAccounts(
      agentsFile,
      await Promise.all(
        [['alice', 'Alice Adler'], ['bob', 'Bob Berg']].map(async ([username = '', displayName = '']) => ({
          username,
          displayName,
          passwordHash: await hashPassword(`secret-${username}`),
          createdAt: t0.toISOString(),
        })),
      ),
    );
    t = await startTestServer({ DATABASE_DIR: path.join(dir, 'database'), AGENTS_FILE: agentsFile, DEMO_AGENT: 'sue:secret-sue' });
    const db = t.server.database.db;

    let now = t0;
    const log = new AuditLog(db, { nodeId: 'test', addressPolicy: 'truncated', now: () => now });
    // 60 of alice's sessions (every third declined, the others shared 90 s), then 70 of bob's (expired).
    for (let i = 0; i < 130; i++) {
      now = new Date(t0.getTime() + i * 60_000);
      const agent = i < 60 ? 'alice' : 'bob';
      const sessionId = `s-${String(i).padStart(3, '0')}`;
      const step = { sessionId, agent };
      // Appended together, they are written in this order in one transaction.
      const events: AuditEventInput[] = [{ type: 'key.issued', actor: 'agent', ...step }];
      if (agent === 'bob') {
        events.push({ type: 'key.expired', actor: 'server', ...step });
      } else if (i % 3 === 0) {
        events.push({ type: 'consent.declined', actor: 'customer', address: '198.51.100.7', ...step });
      } else {
        events.push(
          { type: 'consent.given', actor: 'customer', address: '198.51.100.7', receipt: `R${String(i).padStart(3, '0')}-TEST`, ...step },
          { type: 'share.started', actor: 'customer', ...step },
          { type: 'share.ended', actor: 'agent', details: { by: 'agent', reason: 'ended', sharingMs: 90_000 }, ...step },
        );
      }
      await Promise.all(events.map((event) => log.append(event)));
    }
    cookies.alice = await signIn(t.url);
    cookies.bob = await signIn(t.url, 'bob', 'secret-bob');
    cookies.sue = await signIn(t.url, 'sue', 'secret-sue');
  });
  after(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (who: keyof typeof cookies | null, route: string) =>
    fetch(`${t.url}${route}`, { headers: who ? { cookie: cookies[who] } : {} });
  const page = async (who: keyof typeof cookies, query = '') => {
    const response = await get(who, `/api/agent/history${query}`);
    assert.equal(response.status, 200, await response.clone().text());
    return HistoryPage.parse(await response.json());
  };
  const allRows = async (who: keyof typeof cookies, query = '') => {
    const rows: HistoryRow[] = [];
    let cursor: string | null = null;
    do {
      const separator: string = query ? '&' : '?';
      const next = await page(who, cursor === null ? query : `${query}${separator}cursor=${cursor}`);
      rows.push(...next.rows);
      cursor = next.nextCursor;
    } while (cursor !== null);
    return rows;
  };

  it('refuses a caller who is not signed in', async () => {
    assert.equal((await get(null, '/api/agent/history')).status, 401);
    assert.equal((await get(null, '/api/agent/history/sessions/s-001')).status, 401);
    assert.equal((await get(null, '/api/agent/history.csv')).status, 401);
  });

  it('shows an agent only their own sessions, newest first, in pages', async () => {
    const first = await page('alice');
    assert.deepEqual(first.viewer, { username: 'alice', role: 'agent' });
    assert.equal(first.rows.length, 50);
    assert.equal(first.rows[0]?.sessionId, 's-059');
    const rows = await allRows('alice');
    assert.equal(rows.length, 60);
    assert.equal(new Set(rows.map((row) => row.sessionId)).size, 60);
    assert.ok(rows.every((row) => row.agent === 'alice'));
    const shared = rows.find((row) => row.sessionId === 's-058');
    assert.deepEqual(shared, {
      kind: 'share',
      sessionId: 's-058',
      startedAt: new Date(t0.getTime() + 58 * 60_000).toISOString(),
      agent: 'alice',
      customer: '198.51.100.0',
      sharedSeconds: 90,
      outcome: 'shared',
      receipt: 'R058-TEST',
    });
    assert.equal(rows.find((row) => row.sessionId === 's-057')?.outcome, 'declined');
  });

  it("never lets an agent read another agent's records", async () => {
    assert.equal((await get('alice', '/api/agent/history?agent=bob')).status, 403);
    const timeline = await get('alice', '/api/agent/history/sessions/s-100');
    assert.equal(timeline.status, 404);
    assert.doesNotMatch(await timeline.text(), /bob/);
    assert.deepEqual((await allRows('alice', '?find=s-100')).length, 0);
    const csv = await (await get('alice', '/api/agent/history.csv?agent=alice')).text();
    assert.doesNotMatch(csv, /,bob,/);
    assert.equal(csv.trim().split('\r\n').length, 61);
    const bobs = await allRows('bob');
    assert.equal(bobs.length, 70);
    assert.ok(bobs.every((row) => row.agent === 'bob' && row.outcome === 'expired'));
  });

  it("shows a supervisor everyone's sessions and filters by agent, outcome, time and receipt", async () => {
    const everyone = await allRows('sue');
    assert.equal(everyone.length, 130);
    assert.equal((await page('sue')).viewer.role, 'supervisor');
    assert.equal((await allRows('sue', '?agent=bob')).length, 70);
    const declined = await allRows('sue', '?outcome=declined');
    assert.equal(declined.length, 20);
    assert.ok(declined.every((row) => row.outcome === 'declined'));
    assert.equal((await allRows('sue', '?outcome=shared&agent=alice')).length, 40);
    assert.equal((await allRows('sue', '?outcome=expired')).length, 70);
    assert.equal((await allRows('sue', '?outcome=open')).length, 0);
    const from = new Date(t0.getTime() + 10 * 60_000).toISOString();
    const to = new Date(t0.getTime() + 20 * 60_000).toISOString();
    const window = await allRows('sue', `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    assert.deepEqual(window.map((row) => row.sessionId), ['s-019', 's-018', 's-017', 's-016', 's-015', 's-014', 's-013', 's-012', 's-011', 's-010']);
    assert.deepEqual((await allRows('sue', '?find=r041-test')).map((row) => row.sessionId), ['s-041']);
    assert.deepEqual((await allRows('sue', '?find=s-100')).map((row) => row.sessionId), ['s-100']);
    assert.equal((await get('sue', '/api/agent/history?outcome=lost')).status, 400);
  });

  it("opens one session's timeline for its agent and for a supervisor", async () => {
    for (const who of ['alice', 'sue'] as const) {
      const response = await get(who, '/api/agent/history/sessions/s-041');
      assert.equal(response.status, 200);
      const timeline = SessionTimeline.parse(await response.json());
      assert.deepEqual(timeline.events.map((event) => event.type), ['key.issued', 'consent.given', 'share.started', 'share.ended']);
      assert.equal(timeline.events[1]?.receipt, 'R041-TEST');
    }
    assert.equal((await get('sue', '/api/agent/history/sessions/nope')).status, 404);
  });

  it('exports the filtered history as CSV', async () => {
    const response = await get('sue', '/api/agent/history.csv?agent=alice&outcome=shared');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="screen-share-history-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).trim().split('\r\n');
    assert.equal(lines[0], 'started_at,agent,session_id,customer,outcome,shared_seconds,receipt,kind');
    assert.equal(lines.length, 41);
    assert.equal(lines[1], `${new Date(t0.getTime() + 59 * 60_000).toISOString()},alice,s-059,198.51.100.0,shared,90,R059-TEST,share`);
  });

  it('lists a real share session the moment its key is issued', async () => {
    const { agent, sessionId } = await agentWithSession(t.url);
    const rows = await allRows('alice', `?find=${sessionId}`);
    assert.deepEqual(rows.map((row) => [row.sessionId, row.outcome]), [[sessionId, 'open']]);
    agent.socket.close();
  });
});
