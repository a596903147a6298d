import { expect, test } from './fixtures';
import { AgentSession } from './pages/agentConsole';
import { expectPictureMoves, waitForPicture } from './pages/videoProbe';

/** Issue 6, reconnect and resume, from the agent's side: the console is reloaded mid-share. */
test('resume: the agent reloads the console mid-share: the same session comes back with the picture, no new key', async ({ agent, customer, fakeShare: sharing }) => {
  // The console asks before leaving a page with running shares; a reload answers "leave".
  agent.page.on('dialog', (dialog) => void dialog.accept());
  await agent.page.reload();

  const panel = new AgentSession(agent.page.getByRole('region', { name: 'Screen share 1', exact: true }));
  await expect(panel.status).toHaveText("Sharing: you can see the customer's screen", { timeout: 30_000 });
  await waitForPicture(panel.video, 640);
  await expectPictureMoves(panel.video);
  await expect(agent.page.getByRole('region', { name: /^Screen share \d+$/ }), 'the same one session').toHaveCount(1);
  await expect(customer.sharingBar(sharing.agentName), 'the customer did nothing and still shares').toBeVisible();

  await panel.endSession();
  await expect(customer.message(`${sharing.agentName} ended the screen share.`)).toBeVisible();
});

test('signing out is not a dropped connection: the customer is told at once, not after the grace period', async ({ agent, customer, fakeShare: sharing }) => {
  await agent.page.getByRole('button', { name: 'Sign out' }).click();
  // Well inside the 60 s grace period a dropped console would get.
  await expect(customer.message(`${sharing.agentName} ended the screen share.`)).toBeVisible({ timeout: 10_000 });
});
