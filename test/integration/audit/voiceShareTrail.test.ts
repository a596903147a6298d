import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { findReceipt } from '../../../signaling/server/audit/receipts';
import { agentWithSession, connect, startTestServer, type TestServer } from '../harness';
import { copyPGliteTemplate } from '../../support/pgliteTemplate';

const run = promisify(execFile);
const cli = path.resolve('signaling/server/audit/cli.ts');

describe('audit trail of a voice share', () => {
  let t: TestServer | undefined;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'audit-trail-'));
    await copyPGliteTemplate(path.join(dir, 'database'));
    t = await startTestServer({ DATABASE_DIR: path.join(dir, 'database'), ORGANISATION: 'Acme Support' });
  });
  after(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records every step, with the receipt of the consent the customer saw', async () => {
    if (!t) throw new Error('no server');
    const { agent, sessionId, key } = await agentWithSession(t.url);
    const wrong = await connect(t.url, 'customer');
    wrong.send({ type: 'key.claim', key: key === '000000000' ? '000000018' : '000000000' });
    await wrong.next('error');
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    const sentence = 'You agreed at 14:02 to share your screen with Alice (Acme Support).';
    customer.send({ type: 'consent', decision: 'accept', sentence, language: 'en' });
    const recorded = await customer.next('consent.recorded');
    assert.match(recorded.receipt, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    customer.send({ type: 'share.state', state: 'sharing', resolution: { width: 1920, height: 1080 } });
    await agent.next('session.update');
    await agent.next('session.update');
    assert.equal((await agent.next('session.update')).phase, 'sharing');
    agent.send({ type: 'session.end', sessionId });
    await customer.next('session.ended');

    const events = await t.server.database.db.selectFrom('audit_events').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['key.issued', 'consent.given', 'share.started', 'share.ended'],
    );
    const ended = events[3];
    assert.equal(ended?.details.by, 'agent');
    assert.equal(events[2]?.details.resolution, '1920x1080');
    assert.equal(events[1]?.customer_address, '127.0.0.0', 'truncated by default');
    const failed = await t.server.database.db.selectFrom('audit_events').selectAll().where('type', '=', 'key.claim-failed').execute();
    assert.equal(failed.length, 1);
    assert.ok(!JSON.stringify(failed[0]).includes(key), 'never the key');

    const receipt = await findReceipt(t.server.database.db, recorded.receipt.toLowerCase());
    assert.equal(receipt?.sentence, sentence);
    assert.equal(receipt?.language, 'en');
    assert.equal(receipt?.agentName, 'Alice');
    assert.equal(receipt?.organisation, 'Acme Support');
    assert.equal(receipt?.chain.seq, events[1]?.seq);
    agent.close();
    customer.close();
    wrong.close();
  });

  it('refuses a consent sentence that does not name the agent and organisation', async () => {
    if (!t) throw new Error('no server');
    const { agent, key } = await agentWithSession(t.url);
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    customer.send({ type: 'consent', decision: 'accept', sentence: 'You agreed to share your screen with Mallory.' });
    assert.equal((await customer.next('error')).code, 'bad-message');
    agent.close();
    customer.close();
  });

  it('npm run audit -- verify passes on the trail and names the row edited by hand', async function () {
    this.timeout(120_000);
    await t?.close();
    t = undefined;
    const env = { ...process.env, DATABASE_DIR: path.join(dir, 'database') };
    const whole = await run(process.execPath, ['--import', 'tsx', cli, 'verify'], { env });
    assert.match(whole.stdout, /The audit trail is whole: \d+ events checked/);

    const { openDatabase } = await import('../../../signaling/server/db/openDatabase');
    const database = await openDatabase({ databaseUrl: undefined, databaseDir: path.join(dir, 'database') });
    await sql`update audit_events set details = '{"by":"customer"}' where type = 'share.ended'`.execute(database.db);
    const seq = (await database.db.selectFrom('audit_events').select('seq').where('type', '=', 'share.ended').executeTakeFirstOrThrow()).seq;
    await database.close();
    const broken = await run(process.execPath, ['--import', 'tsx', cli, 'verify'], { env }).then(
      () => assert.fail('verify must fail'),
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, new RegExp(`BROKEN at event #${seq}: .*was changed`));
  });
});
