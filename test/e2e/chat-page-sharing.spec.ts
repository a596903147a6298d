import { expect, test } from './fixtures';

/**
 * The chat page while its customer shares: the conversation keeps room to be read (the agent's
 * newest message is on screen) and "Stop sharing" stays in view, on a 390 px phone-sized window
 * and at 1440×900.
 */
test('while sharing, the chat stays readable and "Stop sharing" in view', async ({ agentIdentity, startChat }) => {
  const { customer, chat, requestShare } = await startChat('Please have a look');
  await (await requestShare()).getByRole('button', { name: 'Share screen' }).click();
  await customer.page.getByRole('button', { name: 'Share my screen' }).click();
  await expect(customer.page.getByText(`You are sharing your screen with ${agentIdentity.displayName}`, { exact: true })).toBeVisible({ timeout: 30_000 });
  for (const [index, viewport] of [{ width: 1440, height: 900 }, { width: 390, height: 844 }].entries()) {
    await customer.page.setViewportSize(viewport);
    const said = `I can see it now (${index + 1}).`;
    await chat.say(said);
    await expect(customer.line(said), `the agent's newest message is on screen at ${viewport.width} px`).toBeInViewport({ ratio: 1 });
    await expect(customer.page.getByRole('button', { name: 'Stop sharing' })).toBeInViewport({ ratio: 1 });
    await expect(customer.message).toBeInViewport({ ratio: 1 });
    await customer.page.screenshot({ path: test.info().outputPath(`chat-sharing-${viewport.width}.png`) });
  }
});
