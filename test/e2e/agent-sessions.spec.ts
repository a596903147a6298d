import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';

/** The agent tells sessions apart: who each is with and when it started; ended ones step aside. */
test('sessions carry a label and a start time; ended ones collapse into a short list; a reload keeps the label', async ({
  server,
  agentContext,
}) => {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const page = agent.page;
  const first = await agent.startScreenShare();
  const firstLabel = first.panel.getByRole('textbox', { name: 'Customer or ticket' });
  await firstLabel.fill('Carla Jensen, ticket 4711');
  await firstLabel.press('Tab');
  await expect(first.panel.getByText(/^started \d{1,2}:\d{2}/)).toBeVisible();

  // A contact-center integration opens the console with the conversation id: new shares carry it.
  await page.goto(`${server.agentUrl}?conversation=CC-20931`);
  await expect(firstLabel).toHaveValue('Carla Jensen, ticket 4711');
  await expect(first.status).toHaveText('Waiting for the customer to enter the key');
  const second = await agent.startScreenShare();
  await expect(second.panel.getByRole('textbox', { name: 'Customer or ticket' })).toHaveValue('CC-20931');

  await first.endSession();
  const ended = page.getByRole('region', { name: 'Ended screen shares' });
  await expect(ended.getByRole('region', { name: 'Screen share 1' })).toBeVisible();
  await expect(ended.getByRole('status')).toHaveText('Ended by you');
  await expect(ended.getByRole('textbox', { name: 'Customer or ticket' })).toHaveValue('Carla Jensen, ticket 4711');
  const endedBox = await ended.getByRole('region', { name: 'Screen share 1' }).boundingBox();
  expect(endedBox?.height, 'an ended share is one short row').toBeLessThan(80);
  await expect(second.keyElement).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('sessions-1440x900.png') });

  await ended.getByRole('button', { name: 'Close' }).click();
  await expect(ended).toBeHidden();
});
