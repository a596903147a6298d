import { expect, test } from './fixtures';
import { CustomerPage } from './pages/customerPage';

/**
 * A phone browser has no getDisplayMedia. The customer is told before typing anything; the key
 * they type anyway is checked but not used up, the agent learns why nothing follows, and the same
 * key still works on a computer.
 */
test.describe('a customer browser that cannot share a screen', () => {
  test('is told so, the key stays unused, and the agent is told why', async ({ server, agent, agentIdentity, fakeCustomerContext, customer: computer }, testInfo) => {
    const session = await agent.startScreenShare();
    const key = await session.key();

    const phoneContext = await fakeCustomerContext('phone');
    await phoneContext.addInitScript(() => {
      Object.defineProperty(MediaDevices.prototype, 'getDisplayMedia', { value: undefined, configurable: true });
    });
    const phonePage = await phoneContext.newPage();
    await phonePage.setViewportSize({ width: 390, height: 844 });
    const phone = await CustomerPage.openIn(phonePage, server.customerUrl);
    await expect(phone.message('This browser cannot share a screen. Please open this page in a current version of Chrome, Edge or Firefox on a computer.')).toBeVisible();

    await phone.enterKey(key);
    await expect(phonePage.getByRole('heading', { name: 'This browser cannot share your screen' })).toBeVisible();
    await expect(phonePage.getByText(`We told ${agentIdentity.displayName} that this browser cannot share a screen.`)).toBeVisible();
    await phonePage.screenshot({ path: testInfo.outputPath('phone-cannot-share.png'), fullPage: true });

    await expect(session.status).toHaveText("The customer's browser cannot share a screen — suggest a computer or the app");
    await expect(session.keyElement).toHaveText(key);
    await agent.page.screenshot({ path: testInfo.outputPath('agent-told.png') });

    // On a computer the same key still works.
    await computer.enterKey(key);
    await expect(computer.consentQuestion(agentIdentity)).toBeVisible();
    await expect(session.status).toHaveText('The customer entered the key');
  });
});
