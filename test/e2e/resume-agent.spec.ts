import { expect, test } from './fixtures';
import { AgentConsole, AgentSession } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { framesPerSecond, waitForPicture } from './pages/videoProbe';
import { shareScreen } from './shareFlow';

/** Issue 6, reconnect and resume, from the agent's side: the console is reloaded mid-share. */
test('resume: the agent reloads the console mid-share: the same session comes back with the picture, no new key', async ({
  server,
  agentContext,
  fakeCustomerContext,
}) => {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
  const sharing = await shareScreen(agent, customer, 640);

  // The console asks before leaving a page with running shares; a reload answers "leave".
  agent.page.on('dialog', (dialog) => void dialog.accept());
  await agent.page.reload();

  const panel = new AgentSession(agent.page.getByRole('region', { name: 'Screen share 1', exact: true }));
  await expect(panel.status).toHaveText("Sharing: you can see the customer's screen", { timeout: 30_000 });
  await waitForPicture(panel.video, 640);
  expect(await framesPerSecond(panel.video, 2_000), 'the picture moves').toBeGreaterThan(0.5);
  await expect(agent.page.getByRole('region', { name: /^Screen share \d+$/ }), 'the same one session').toHaveCount(1);
  await expect(customer.sharingBar(sharing.agentName), 'the customer did nothing and still shares').toBeVisible();

  await panel.endSession();
  await expect(customer.message(`${sharing.agentName} ended the screen share.`)).toBeVisible();
});

test('signing out is not a dropped connection: the customer is told at once, not after the grace period', async ({
  server,
  agentContext,
  fakeCustomerContext,
}) => {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
  const sharing = await shareScreen(agent, customer, 640);

  await agent.page.getByRole('button', { name: 'Sign out' }).click();
  // Well inside the 60 s grace period a dropped console would get.
  await expect(customer.message(`${sharing.agentName} ended the screen share.`)).toBeVisible({ timeout: 10_000 });
});
