import type { Page as FirefoxPage } from 'puppeteer-core';
import { firefoxUnavailable, launchFirefoxCustomer } from '../support/firefox';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { colourDistance, pixelAt, waitForPicture } from './pages/videoProbe';

/**
 * The customer uses Firefox ESR (Debian's firefox-esr, driven over WebDriver BiDi by
 * puppeteer-core), headed on the virtual desktop with the magenta marker, and shares the REAL
 * screen (Firefox's own capture of the X display; no fake stream) to the agent console in
 * Chromium. The agent must see the marker where it is on the customer's screen.
 */
const COLOUR_TOLERANCE = 48;
const unavailable = firefoxUnavailable();

/** Waits until the page shows exactly this text somewhere (as the customer reads it). */
async function seeText(page: FirefoxPage, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (wanted: string) => [...document.querySelectorAll('body *')].some((element) => element.textContent?.trim() === wanted),
    { timeout, polling: 100 },
    text,
  );
}

async function clickButton(page: FirefoxPage, name: string): Promise<void> {
  await page.locator(`button::-p-text(${name})`).click();
}

test.describe('Firefox ESR customer', () => {
  test.skip(unavailable !== undefined, `Firefox test skipped: ${unavailable}`);

  test('shares its real screen to a Chromium agent, then stops', async ({ server, desktop, agentContext }, testInfo) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const { displayName, organisation } = await agent.identity();
    const session = await agent.startScreenShare();
    const key = await session.key();

    const firefox = await launchFirefoxCustomer(desktop.screen.display);
    const consoleLines: string[] = [];
    try {
      const version = await firefox.version();
      const page = (await firefox.pages())[0] ?? (await firefox.newPage());
      page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
      await page.goto(server.customerUrl);

      await page.locator('input.key-input').fill(key);
      await clickButton(page, 'Continue');
      await seeText(page, `${displayName} from ${organisation} wants to see your screen`);
      await expect(session.status).toHaveText('The customer entered the key');

      await clickButton(page, 'Share my screen');
      await seeText(page, `You are sharing your screen with ${displayName}`, 30_000);
      await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
      const picture = await waitForPicture(session.video, 1280);
      const { marker } = desktop;
      await expect
        .poll(async () => colourDistance(await pixelAt(session.video, marker.markerPoint, marker.screen), marker.colour), {
          message: `the agent's video should show the marker colour at (${marker.markerPoint.x}, ${marker.markerPoint.y})`,
        })
        .toBeLessThanOrEqual(COLOUR_TOLERANCE);
      console.log(`${version} customer → Chromium agent: ${picture.width}x${picture.height} (real capture of the X display)`);

      await clickButton(page, 'Stop sharing');
      await seeText(page, 'You stopped sharing your screen.');
      await expect(session.status).toHaveText('Ended by the customer');
      await expect(session.video).toBeHidden();
    } finally {
      await firefox.close().catch(() => undefined);
      await testInfo.attach('firefox-console.txt', { body: consoleLines.join('\n') || '(nothing printed)', contentType: 'text/plain' });
    }
  });
});
