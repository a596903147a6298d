import { expect, test } from './fixtures';
import { expectNoAxeViolations, keyToConsentAnyLanguage, signInAnyLanguage } from './pages/axeCheck';
import { waitForPicture } from './pages/videoProbe';

/**
 * axe-core, in English and German, over the customer's consent step and the agent's picture
 * zoomed in (with "Sharp text" on) and in fullscreen. Sharing, pointing and paused are checked
 * in axe-sharing.spec.ts. Language-neutral selectors, so one test serves both languages.
 */
test.describe.configure({ timeout: 180_000 });

for (const locale of ['en-US', 'de-DE'] as const) {
  test(`axe finds nothing on the consent step and the zoomed and fullscreen picture (${locale})`, async ({
    server,
    agentBrowser,
    fakeCaptureBrowser,
  }) => {
    const agentContext = await agentBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const customerContext = await fakeCaptureBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 720 } });
    try {
      const agent = await agentContext.newPage();
      await signInAnyLanguage(agent, server.agentUrl);
      const customer = await customerContext.newPage();
      const share = await keyToConsentAnyLanguage(agent, customer, server.customerUrl);
      await expectNoAxeViolations(customer, 'customer page, consent step');

      await share.click();
      await expect(customer.locator('.sharing-bar')).toBeVisible();
      const video = agent.locator('.video-stage video');
      await waitForPicture(video, 320);
      await agent.locator('.video-zoomIn').click();
      await agent.locator('.video-zoomIn').click();
      await expect(agent.locator('.zoom-level')).not.toBeEmpty();
      await agent.locator('.video-sharpText').click();
      await expect(agent.locator('.video-sharpText')).toHaveAttribute('aria-pressed', 'true');
      await expectNoAxeViolations(agent, 'agent console, picture zoomed in, Sharp text on');

      await agent.locator('.video-fullscreen').click();
      await expect.poll(() => agent.evaluate(() => document.fullscreenElement !== null), { message: 'the picture is in fullscreen' }).toBe(true);
      await expectNoAxeViolations(agent, 'agent console, picture in fullscreen');
    } finally {
      await agentContext.close();
      await customerContext.close();
    }
  });
}
