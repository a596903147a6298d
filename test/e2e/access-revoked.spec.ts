import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeAccounts } from '../../signaling/server/accounts/accountFile';
import { hashPassword } from '../../signaling/server/accounts/passwords';
import { createDatabase, postgresServerMissing, startPostgresServer, type PostgresServer } from '../support/postgresServer';
import { serverEntry, startServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * An agent's access ends in the middle of a share (the operator removes or disables the account,
 * or changes its password, with `npm run agents`): the console goes back to the sign-in page and
 * says why, the customer's share stops and the page says so in a plain sentence. The server and
 * the command share a PostgreSQL (on PGlite: test/integration/accounts/commandsBesideServer.test.ts);
 * the server reads the accounts about once a second.
 */
const bob = { username: 'bob', password: 'secret-bob-1234' };
const agentsCli = path.join(path.dirname(serverEntry), 'agents.js');
let postgres: PostgresServer | undefined;

test.beforeAll(async () => {
  const missing = postgresServerMissing();
  test.skip(missing !== undefined, missing);
  postgres = await startPostgresServer();
});
test.afterAll(async () => {
  await postgres?.stop();
});

test.describe('access revoked during a share', () => {
  for (const { command, agentSees } of [
    { command: ['remove', 'bob'], agentSees: 'Your agent account was removed, so you were signed out. Please ask your administrator.' },
    { command: ['disable', 'bob'], agentSees: 'Your agent account was disabled, so you were signed out. Please ask your administrator.' },
    {
      command: ['passwd', 'bob', '--password-stdin'],
      agentSees: 'Your password was changed, so you were signed out. Please sign in with the new password.',
    },
  ]) {
    test(`npm run agents -- ${command.join(' ')}: both sides read why the share ended`, async ({ agentContext, fakeCustomerContext }, testInfo) => {
      if (!postgres) throw new Error('PostgreSQL is not running');
      const dir = await mkdtemp(path.join(tmpdir(), 'e2e-revoked-'));
      const agentsFile = path.join(dir, 'agents.json');
      await writeAccounts(agentsFile, [
        { username: 'bob', displayName: 'Bob Berg', passwordHash: await hashPassword(bob.password), createdAt: new Date().toISOString() },
      ]);
      const env = { AGENTS_FILE: agentsFile, DATABASE_URL: await createDatabase(postgres.url) };
      // Its own server and database; bob comes in from the old agents file at start.
      const server = await startServer(env);
      try {
        const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl, bob);
        const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
        await shareScreen(agent, customer, 640);

        const cli = promisify(execFile)(process.execPath, [agentsCli, ...command], { env: { PATH: process.env.PATH ?? '', ...env } });
        cli.child.stdin?.end('a-new-password-5678\n');
        await cli;

        await expect(agent.page.getByText(agentSees, { exact: true })).toBeVisible({ timeout: 15_000 });
        await expect(agent.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
        await expect(customer.message('Bob Berg is no longer signed in, so the screen share ended.')).toBeVisible();
        await expect(customer.stopButton).toBeHidden();
      } finally {
        await server.stop();
        await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
      }
    });
  }
});
