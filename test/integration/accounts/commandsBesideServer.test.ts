import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ChannelAddress } from '../../../signaling/server/db/commandChannelAddress';
import { copyPGliteTemplate } from '../../support/pgliteTemplate';
import { WebhookReceiver } from '../../support/webhookReceiver';
import { connect, startTestServer, type TestServer } from '../harness';

const run = promisify(execFile);
const agentsCli = path.resolve('signaling/server/accounts/cli.ts');
const auditCli = path.resolve('signaling/server/audit/cli.ts');
const webhooksCli = path.resolve('signaling/server/webhooks/webhooksCli.ts');

/**
 * With the embedded PGlite database (the default), `npm run agents` and `npm run audit` run while
 * the server runs: they go through the server's command channel, and a change takes effect on the
 * running server within seconds, and account events reach a subscribed webhook endpoint. The real
 * commands, as child processes, against a real server.
 */
describe('commands beside a running server on PGlite (npm run agents, npm run audit)', function () {
  this.timeout(180_000);
  let dir: string;
  let server: TestServer | undefined;
  const receiver = new WebhookReceiver();
  const settings = () => ({ DATABASE_DIR: path.join(dir, 'database'), AGENTS_FILE: path.join(dir, 'agents.json'), WEBHOOK_ALLOW_PRIVATE: 'true' });
  const env = () => ({ ...process.env, ...settings() });
  const command = (cli: string, args: string[], stdin = '') => {
    const child = run(process.execPath, ['--import', 'tsx', cli, ...args], { env: env() });
    child.child.stdin?.end(stdin);
    return child;
  };
  const login = async (password: string) => {
    const response = await fetch(`${server?.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jane', password }),
    });
    return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };
  /** The server reads the accounts table about once a second: wait for a new account to be known. */
  const signInOnceKnown = async (password: string) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const answer = await login(password);
      if (answer.status === 200) return answer.cookie;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('jane never could sign in');
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'commands-beside-server-'));
    await copyPGliteTemplate(path.join(dir, 'database'));
    server = await startTestServer(settings());
    const hook = await command(webhooksCli, ['add', await receiver.start(), '--events', 'account.added,account.disabled,share.started']);
    receiver.trust(hook.stdout.trim().split('\n').at(-1) ?? '');
  });
  after(async () => {
    await server?.close();
    await receiver.close();
  });

  it('adds an agent who can then sign in; passwd and disable end her console on the running server', async () => {
    const added = await command(agentsCli, ['add', 'jane', '--display-name', 'Jane Doe', '--password-stdin'], 'first-password-1\n');
    assert.match(added.stdout, /Added agent "jane"/);
    const cookie = await signInOnceKnown('first-password-1');

    const console1 = await connect(server?.url ?? '', 'agent', { cookie });
    await command(agentsCli, ['passwd', 'jane', '--password-stdin'], 'second-password-2\n');
    assert.equal((await console1.next('access.revoked', 15_000)).reason, 'password-changed');
    assert.equal((await console1.closed).code, 4401);
    assert.equal((await login('first-password-1')).status, 401);

    const console2 = await connect(server?.url ?? '', 'agent', { cookie: await signInOnceKnown('second-password-2') });
    const disabled = await command(agentsCli, ['disable', 'jane']);
    assert.match(disabled.stdout, /Disabled "jane"/);
    assert.equal((await console2.next('access.revoked', 15_000)).reason, 'account-disabled');
    assert.equal((await login('second-password-2')).status, 401);
    assert.match((await command(agentsCli, ['list'])).stdout, /jane\tJane Doe\tagent\tDISABLED/);

    const hooks = await receiver.waitFor(2);
    assert.deepEqual(hooks.map((hook) => hook.type).sort(), ['account.added', 'account.disabled']);
    assert.deepEqual(receiver.rejected, []);
    const data = hooks.map((hook) => hook.body.data as { agent: string; actor: string; details: Record<string, unknown> });
    assert.deepEqual(data.map((d) => [d.agent, d.actor]), [['jane', 'operator'], ['jane', 'operator']]);
    assert.deepEqual(data[0]?.details, { displayName: 'Jane Doe', role: 'agent' });
  });

  it('npm run audit -- verify walks the chain the server and the commands wrote together', async () => {
    const verified = await command(auditCli, ['verify']);
    assert.match(verified.stdout, /The audit trail is whole: \d+ events checked/);
  });

  it('the channel shuts out a connection that does not know the secret', async () => {
    const address = JSON.parse(await readFile(path.join(dir, 'database', 'command-channel.json'), 'utf8')) as ChannelAddress;
    const socket = connectTcp({ host: '127.0.0.1', port: address.port });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('error', () => undefined);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(32);
    socket.write(Buffer.concat([header, Buffer.alloc(32, 1)]));
    await closed;
  });
});
