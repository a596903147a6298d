import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HistoryPage, SessionTimeline } from '../../../signaling/protocol/history';
import { writeAccounts } from '../../../signaling/server/accounts/accountFile';
import { hashPassword } from '../../../signaling/server/accounts/passwords';
import type { AuditEventInput } from '../../../signaling/server/audit/auditEvent';
import { AuditLog } from '../../../signaling/server/audit/auditLog';
import { copyPGliteTemplate } from '../../support/pgliteTemplate';
import { signIn, startTestServer, type TestServer } from '../harness';

/**
 * Chats are in the history too, with or without a screen share: a chat is the history of the
 * agent who took it (a supervisor sees every chat, also those nobody took). Same authorisation
 * as share sessions; written by the real audit log, on a server with its own database.
 */
describe('history of chats (/api/agent/history)', () => {
  let t: TestServer;
  let dir: string;
  const cookies: Record<'alice' | 'bob' | 'sue', string> = { alice: '', bob: '', sue: '' };

  before(async function () {
    this.timeout(120_000);
    dir = await mkdtemp(path.join(tmpdir(), 'chat-history-'));
    await copyPGliteTemplate(path.join(dir, 'database'));
    const agentsFile = path.join(dir, 'agents.json');
    await writeAccounts(
      agentsFile,
      await Promise.all(
        ['alice', 'bob'].map(async (username) => ({ username, displayName: username, passwordHash: await hashPassword(`secret-${username}`), createdAt: new Date().toISOString() })),
      ),
    );
    t = await startTestServer({ DATABASE_DIR: path.join(dir, 'database'), AGENTS_FILE: agentsFile, DEMO_AGENT: 'sue:secret-sue' });
    const log = new AuditLog(t.server.database.db, { nodeId: 'test', addressPolicy: 'truncated' });
    const steps: AuditEventInput[] = [
      // alice's voice share
      { type: 'key.issued', actor: 'agent', sessionId: 's-1', agent: 'alice' },
      { type: 'consent.given', actor: 'customer', sessionId: 's-1', agent: 'alice', receipt: 'AAAA-1111' },
      { type: 'share.started', actor: 'customer', sessionId: 's-1', agent: 'alice' },
      { type: 'share.ended', actor: 'agent', sessionId: 's-1', agent: 'alice', details: { by: 'agent', sharingMs: 30_000 } },
      // a chat bob took and the customer ended
      { type: 'chat.started', actor: 'customer', conversationId: 'c-1', address: '198.51.100.7', details: { customerName: 'Carla' } },
      { type: 'chat.taken', actor: 'agent', conversationId: 'c-1', agent: 'bob' },
      { type: 'chat.ended', actor: 'customer', conversationId: 'c-1', agent: 'bob', details: { by: 'customer' } },
      // a chat nobody took before the customer left
      { type: 'chat.started', actor: 'customer', conversationId: 'c-2', address: '198.51.100.8' },
      { type: 'chat.ended', actor: 'customer', conversationId: 'c-2', details: { by: 'customer' } },
      // a chat still waiting
      { type: 'chat.started', actor: 'customer', conversationId: 'c-3', address: '198.51.100.9', details: { customerName: 'Dora' } },
    ];
    for (const step of steps) await log.append(step);
    cookies.alice = await signIn(t.url, 'alice', 'secret-alice');
    cookies.bob = await signIn(t.url, 'bob', 'secret-bob');
    cookies.sue = await signIn(t.url, 'sue', 'secret-sue');
  });
  after(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (who: keyof typeof cookies, route: string) => fetch(`${t.url}${route}`, { headers: { cookie: cookies[who] } });
  const rows = async (who: keyof typeof cookies, query = '') => {
    const response = await get(who, `/api/agent/history${query}`);
    assert.equal(response.status, 200, await response.clone().text());
    return HistoryPage.parse(await response.json()).rows;
  };
  const ids = async (who: keyof typeof cookies, query = '') => (await rows(who, query)).map((row) => `${row.kind} ${row.sessionId} ${row.outcome}`);

  it('an agent sees the chats they took; a chat nobody took is only in the supervisor\'s list', async () => {
    assert.deepEqual(await ids('bob'), ['chat c-1 chat-answered']);
    assert.deepEqual(await ids('alice'), ['share s-1 shared']);
    assert.deepEqual(await ids('sue'), ['chat c-3 chat-open', 'chat c-2 chat-missed', 'chat c-1 chat-answered', 'share s-1 shared']);
    const [carla] = await rows('bob');
    assert.deepEqual(
      { agent: carla?.agent, customer: carla?.customer, sharedSeconds: carla?.sharedSeconds, receipt: carla?.receipt },
      { agent: 'bob', customer: 'Carla', sharedSeconds: null, receipt: null },
    );
    const [, missed] = await rows('sue');
    assert.equal(missed?.customer, '198.51.100.0', 'no name given: the recorded (truncated) address');
  });

  it('filters chats by outcome, agent and conversation id', async () => {
    assert.deepEqual(await ids('sue', '?outcome=chat-missed'), ['chat c-2 chat-missed']);
    assert.deepEqual(await ids('sue', '?outcome=shared'), ['share s-1 shared']);
    assert.deepEqual(await ids('sue', '?agent=bob'), ['chat c-1 chat-answered']);
    assert.deepEqual(await ids('sue', '?find=c-3'), ['chat c-3 chat-open']);
    assert.deepEqual(await ids('alice', '?find=c-1'), [], "another agent's chat finds nothing");
  });

  it("opens a chat's timeline for the agent who took it and supervisors; anyone else gets 404", async () => {
    const response = await get('bob', '/api/agent/history/sessions/c-1');
    assert.equal(response.status, 200);
    const timeline = SessionTimeline.parse(await response.json());
    assert.deepEqual(timeline.events.map((e) => e.type), ['chat.started', 'chat.taken', 'chat.ended']);
    assert.equal((await get('alice', '/api/agent/history/sessions/c-1')).status, 404);
    assert.equal((await get('bob', '/api/agent/history/sessions/c-2')).status, 404);
    assert.equal((await get('sue', '/api/agent/history/sessions/c-2')).status, 200);
  });

  it('exports chats in the CSV, marked as such', async () => {
    const lines = (await (await get('sue', '/api/agent/history.csv')).text()).trim().split('\r\n');
    assert.equal(lines[0], 'started_at,agent,session_id,customer,outcome,shared_seconds,receipt,kind');
    assert.match(lines[3] ?? '', /,bob,c-1,Carla,chat-answered,,,chat$/);
    assert.match(lines[4] ?? '', /,alice,s-1,.*,shared,30,AAAA-1111,share$/);
  });
});
