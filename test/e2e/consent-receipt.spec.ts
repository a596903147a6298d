import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { copyPGliteTemplate } from '../support/pgliteTemplate';
import { serverEntry, startServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

const auditCli = path.join(path.dirname(serverEntry), 'audit.js');

/**
 * The customer's consent receipt: after "Share my screen" the page shows when they agreed, with
 * whom, and a receipt id (in German "Beleg"); the operator's `npm run audit -- receipt <id>`
 * finds that consent with the exact sentence the page showed and its language, while the server
 * still runs on its embedded database (through its command channel).
 */
test('a customer consents, sees the receipt, and npm run audit -- receipt finds the sentence they saw', async ({ agentContext, fakeCustomerContext }, testInfo) => {
  const databaseDir = path.join(await mkdtemp(path.join(tmpdir(), 'e2e-receipt-')), 'database');
  await copyPGliteTemplate(databaseDir);
  const server = await startServer({ DATABASE_DIR: databaseDir, ORGANISATION: 'Acme Support' });
  let receipt: string;
  let found: { stdout: string };
  try {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
    const { agentName } = await shareScreen(agent, customer, 640);

    const line = customer.page.getByRole('status').filter({ hasText: 'Receipt' });
    await expect(line).toHaveText(
      new RegExp(`^You agreed at \\d\\d:\\d\\d to share your screen with ${agentName} \\(Acme Support\\)\\. Receipt [0-9A-Z]{4}-[0-9A-Z]{4}\\.$`),
    );
    receipt = /Receipt ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec((await line.textContent()) ?? '')?.[1] ?? '';

    await customer.page.getByRole('button', { name: 'DE' }).click();
    await expect(customer.page.getByText(`Beleg ${receipt}.`, { exact: false })).toBeVisible();

    // The server still runs on its PGlite folder: the command reads it through the server's command channel.
    found = await promisify(execFile)(process.execPath, [auditCli, 'receipt', receipt], {
      env: { PATH: process.env.PATH ?? '', DATABASE_DIR: databaseDir },
    });
  } finally {
    await server.stop();
    await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
  }

  const stored = JSON.parse(found.stdout) as Record<string, unknown>;
  expect(stored).toMatchObject({
    receipt,
    language: 'en',
    sentence: 'Alice from Acme Support wants to see your screen. Alice will see your whole screen, but cannot click or type on your computer. You can stop sharing at any time.',
  });
});
