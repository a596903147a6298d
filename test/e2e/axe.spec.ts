import { DEMO_AGENT } from '../support/server';
import { expect, test } from './fixtures';
import { expectNoAxeViolations as expectNoViolations } from './pages/axeCheck';

/**
 * axe-core over each page state, in English and German. The pages send a strict CSP, so the
 * contexts bypass it for axe's injected script (bypassCSP).
 */
for (const locale of ['en-US', 'de-DE'] as const) {
  test(`axe finds nothing on the agent console, the customer page and the chat page (${locale})`, async ({ server, agentBrowser }) => {
    const context = await agentBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 720 } });
    try {
      const agent = await context.newPage();
      await agent.goto(server.agentUrl);
      await expect(agent.locator('#password')).toBeVisible();
      await expectNoViolations(agent, 'agent sign-in');
      await agent.locator('input[autocomplete="username"]').fill(DEMO_AGENT.username);
      await agent.locator('#password').fill(DEMO_AGENT.password);
      await agent.locator('form button[type="submit"]').click();
      const start = agent.locator('.button-start');
      await expect(start).toBeEnabled();
      await expectNoViolations(agent, 'agent console, empty');
      await start.click();
      await expect(agent.locator('.key')).toHaveText(/^\d{3} \d{3} \d{3}$/);
      await expectNoViolations(agent, 'agent console with a key');
      await agent.locator('.session .button-danger').click();
      await expect(agent.locator('.ended-sessions')).toBeVisible();
      await expectNoViolations(agent, 'agent console with an ended share');

      const customer = await context.newPage();
      await customer.goto(server.customerUrl);
      await expect(customer.locator('.key-input')).toBeEditable();
      await expectNoViolations(customer, 'customer key step');

      const chat = await context.newPage();
      await chat.goto(`${server.url}/chat`);
      await expect(chat.locator('textarea, input').first()).toBeVisible();
      await expectNoViolations(chat, 'chat page');
    } finally {
      await context.close();
    }
  });
}
