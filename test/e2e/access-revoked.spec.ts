import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeAccounts } from '../../signaling/server/accounts/accountFile';
import { hashPassword } from '../../signaling/server/accounts/passwords';
import { startServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * An agent's access ends in the middle of a share (the account is removed, its password changed):
 * the console goes back to the sign-in page and says why, the customer's share stops and the page
 * says so in a plain sentence. The server notices the agents file within about a second.
 */
const bob = { username: 'bob', password: 'secret-bob-1234' };
let agentsFile = '';
const writeBob = async (password: string | null) =>
  writeAccounts(
    agentsFile,
    password === null
      ? []
      : [{ username: 'bob', displayName: 'Bob Berg', passwordHash: await hashPassword(password), createdAt: new Date().toISOString() }],
  );

test.beforeAll(async () => {
  agentsFile = path.join(await mkdtemp(path.join(tmpdir(), 'e2e-revoked-')), 'agents.json');
});

test.describe('access revoked during a share', () => {
  for (const { change, agentSees } of [
    { change: null, agentSees: 'Your agent account was removed, so you were signed out. Please ask your administrator.' },
    { change: 'a-new-password-5678', agentSees: 'Your password was changed, so you were signed out. Please sign in with the new password.' },
  ]) {
    test(`${change === null ? 'the account is removed' : 'the password is changed'}: both sides read why the share ended`, async ({
      agentContext,
      fakeCustomerContext,
    }, testInfo) => {
      await writeBob(bob.password);
      // Its own server, on an agents file this test changes.
      const server = await startServer({ AGENTS_FILE: agentsFile });
      try {
        const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl, bob);
        const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
        await shareScreen(agent, customer, 640);

        await writeBob(change);

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
