import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_AGENT } from '../support/server';
import { expect, test } from './fixtures';
import { waitForPicture } from './pages/videoProbe';

/**
 * axe-core over a live share, in English and German: the customer's sharing page with the
 * agent's mark in the preview, the console with "Point" on, and both sides while the customer has
 * paused. Language-neutral selectors, so one test serves both languages. The pages send a strict
 * CSP, so the contexts bypass it for axe's injected script.
 */
async function expectNoViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(found, `axe violations on ${state}`).toEqual([]);
}

// Two browsers, a live picture and four axe runs: more than the default 90 s on a loaded machine.
test.describe.configure({ timeout: 180_000 });

for (const locale of ['en-US', 'de-DE'] as const) {
  test(`axe finds nothing while sharing, pointing and paused (${locale})`, async ({ server, agentBrowser, fakeCaptureBrowser }) => {
    const agentContext = await agentBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const customerContext = await fakeCaptureBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      const agent = await agentContext.newPage();
      await agent.goto(server.agentUrl);
      await agent.locator('input[autocomplete="username"]').fill(DEMO_AGENT.username);
      await agent.locator('#password').fill(DEMO_AGENT.password);
      await agent.locator('#password').press('Enter');
      await agent.locator('.button-start').click();
      const key = agent.locator('.key');
      await expect(key).toHaveText(/^\d{3} \d{3} \d{3}$/);

      const customer = await customerContext.newPage();
      await customer.goto(server.customerUrl);
      await customer.locator('.key-input').fill((await key.textContent()) ?? '');
      await customer.locator('.key-input').press('Enter');
      await customer.locator('.button-primary').click();
      await expect(customer.locator('.sharing-bar')).toBeVisible();
      await waitForPicture(agent.locator('.video-stage video'), 320);

      await agent.locator('.pointer-point').click();
      await agent.locator('.video-stage video').click();
      await expect(customer.locator('.marks-point')).toBeVisible();
      await expectNoViolations(customer, 'customer page, sharing, with the agent’s mark');
      await expectNoViolations(agent, 'agent console, sharing, Point on');

      await customer.locator('.sharing-pause').click();
      await expect(customer.locator('.sharing-bar.is-paused')).toBeVisible();
      await expect(agent.locator('.video-paused')).toBeVisible();
      await expectNoViolations(customer, 'customer page, paused');
      await expectNoViolations(agent, 'agent console, paused by the customer');
    } finally {
      await agentContext.close();
      await customerContext.close();
    }
  });
}
