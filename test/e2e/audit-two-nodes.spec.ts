import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createDatabase, postgresServerMissing, startPostgresServer, type PostgresServer } from '../support/postgresServer';
import { redisServerMissing, startRedisServer, type RedisServer } from '../support/redisServer';
import { serverEntry, startServer, type RunningServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { AgentChat, CustomerChat } from './pages/chatPages';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * The system of record with several nodes: two servers on one Redis and one PostgreSQL. A voice
 * share whose agent is on node A and whose customer is on node B, and a chat share on node B,
 * each leave their complete event sequence in ONE hash chain; `npm run audit -- verify` passes on
 * it and names the row an operator edits by hand afterwards.
 */
const auditCli = path.join(path.dirname(serverEntry), 'audit.js');

interface Row {
  seq: number;
  type: string;
  node: string;
  session_id: string | null;
  conversation_id: string | null;
}

test.describe('audit trail: two nodes on Redis + PostgreSQL write one chain', () => {
  let redis: RedisServer | undefined;
  let postgres: PostgresServer | undefined;
  const servers: RunningServer[] = [];
  let client: pg.Client | undefined;
  test.afterEach(async () => {
    await client?.end();
    for (const server of servers.splice(0)) await server.stop();
    await redis?.stop();
    await postgres?.stop();
  });

  test('a voice share across the nodes and a chat share: complete sequences, verify passes, an edited row is named', async ({
    agentContext,
    fakeCustomerContext,
  }) => {
    const noRedis = redisServerMissing();
    test.skip(noRedis !== undefined, noRedis);
    const noPostgres = postgresServerMissing();
    test.skip(noPostgres !== undefined, noPostgres);
    redis = await startRedisServer();
    postgres = await startPostgresServer();
    const databaseUrl = await createDatabase(postgres.url);
    const cluster = { REDIS_URL: redis.url, DATABASE_URL: databaseUrl };
    const nodeA = await startServer(cluster);
    servers.push(nodeA);
    const nodeB = await startServer(cluster);
    servers.push(nodeB);
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const db = client;
    const rows = async (where: string, values: unknown[]) =>
      (await db.query<Row>(`SELECT seq, type, node, session_id, conversation_id FROM audit_events WHERE ${where} ORDER BY seq`, values)).rows;
    const verify = () => promisify(execFile)(process.execPath, [auditCli, 'verify'], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl } });

    // Voice: the agent on node A reads the key, the customer types it on node B.
    const voiceAgent = await AgentConsole.signIn(await agentContext(), nodeA.agentUrl);
    const customer = await CustomerPage.open(await fakeCustomerContext(), nodeB.customerUrl);
    await shareScreen(voiceAgent, customer, 640);
    await customer.stopButton.click();
    await expect(customer.stopButton).toBeHidden();

    // Chat on node B: the customer asks, the agent takes it, asks to see the screen; shared, stopped, chat ended.
    const chatAgent = await AgentConsole.signIn(await agentContext(), nodeB.agentUrl);
    const identity = await chatAgent.identity();
    const chatCustomer = await CustomerChat.open(await fakeCustomerContext(), nodeB.url);
    await chatCustomer.page.getByRole('textbox', { name: 'Your name (optional)' }).fill('Carla');
    await chatCustomer.say('My printer does not print.');
    const chat = await AgentChat.take(chatAgent, 'Carla');
    await chat.requestShare.click();
    await chatCustomer.request(identity.displayName).getByRole('button', { name: 'Share screen' }).click();
    await chatCustomer.page.getByRole('button', { name: 'Share my screen' }).click();
    await expect(chatCustomer.line('Screen sharing started.')).toBeVisible({ timeout: 30_000 });
    await chatCustomer.page.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(chatCustomer.line('You stopped sharing your screen.')).toBeVisible();
    await chatCustomer.page.getByRole('button', { name: 'End chat' }).click();
    await chatCustomer.page.getByRole('button', { name: 'Yes, end chat' }).click();
    await expect(chat.line('Carla ended the chat.')).toBeVisible();

    // The voice share's sequence, written by both nodes.
    const [voiceKey] = await rows(`type = 'key.issued'`, []);
    const voiceSession = voiceKey?.session_id ?? '';
    const voice = await rows('session_id = $1', [voiceSession]);
    expect(voice.map((e) => e.type)).toEqual(['key.issued', 'consent.given', 'share.started', 'share.ended']);
    expect(voice[0]?.node, 'the key was issued on node A, the consent recorded on node B').not.toBe(voice[1]?.node);

    // The chat share's sequence: the conversation's events and those of its share session.
    const [started] = await rows(`type = 'chat.started'`, []);
    const conversation = started?.conversation_id ?? '';
    const [requested] = await rows(`type = 'chat.share-requested' AND conversation_id = $1`, [conversation]);
    const chatEvents = await rows('conversation_id = $1 OR session_id = $2', [conversation, requested?.session_id ?? '']);
    expect(chatEvents.map((e) => e.type)).toEqual([
      'chat.started',
      'chat.taken',
      'chat.share-requested',
      'key.issued',
      'chat.share-answered',
      'consent.given',
      'share.started',
      'share.ended',
      'chat.ended',
    ]);

    const whole = await verify();
    expect(whole.stdout).toMatch(/^The audit trail is whole: \d+ events checked/);

    // An operator "corrects" how the voice share ended, by hand.
    const ended = voice[3]?.seq ?? 0;
    await db.query(`UPDATE audit_events SET details = '{"by":"nobody"}'::jsonb WHERE seq = $1`, [ended]);
    const broken = await verify().then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string },
    );
    expect(broken?.code).toBe(1);
    expect(broken?.stdout).toContain(`The audit trail is BROKEN at event #${ended}`);
  });
});
