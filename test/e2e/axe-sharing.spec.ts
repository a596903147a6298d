import { expect, test } from './fixtures';
import { expectNoAxeViolations as expectNoViolations, keyToConsentAnyLanguage, signInAnyLanguage } from './pages/axeCheck';
import { waitForPicture } from './pages/videoProbe';

/**
 * axe-core over a live share, in English and German: the customer's sharing page with the
 * agent's mark in the preview, the console with "Point" on, and both sides while the customer has
 * paused. Language-neutral selectors, so one test serves both languages.
 */
// Two browsers, a live picture and four axe runs: more than the default 90 s on a loaded machine.
test.describe.configure({ timeout: 180_000 });

for (const locale of ['en-US', 'de-DE'] as const) {
  test(`axe finds nothing while sharing, pointing and paused (${locale})`, async ({ server, agentBrowser, fakeCaptureBrowser }) => {
    const agentContext = await agentBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const customerContext = await fakeCaptureBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      const agent = await agentContext.newPage();
      await signInAnyLanguage(agent, server.agentUrl);
      const customer = await customerContext.newPage();
      await (await keyToConsentAnyLanguage(agent, customer, server.customerUrl)).click();
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
