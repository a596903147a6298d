import type { Browser } from '@playwright/test';
import { tabCaptureLaunchOptions } from '../support/chromium';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { waitForPicture } from './pages/videoProbe';

/**
 * ALLOW_WINDOW_SHARE in a real Chromium: the customer picks a single tab in the browser's dialog
 * instead of the entire screen (Chromium's switch chooses it; the capture is real). Allowed (the
 * default), the agent sees the picture and reads "Shared: one window"; not allowed, nothing is
 * shared and the customer is asked to pick the entire screen.
 */
const TARGET_TITLE = 'Order form - Example Shop';

async function customerPickingOneWindow(browser: Browser, customerUrl: string) {
  const context = await browser.newContext({ locale: 'en-US' });
  // Another tab the customer has open (a served page: Chromium does not offer about:blank tabs).
  const other = await context.newPage();
  const formUrl = new URL('/order-form', customerUrl).toString();
  await other.route(formUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<title>${TARGET_TITLE}</title><h1 style="font-size:80px">Order form</h1>` }),
  );
  await other.goto(formUrl);
  return CustomerPage.open(context, customerUrl);
}

test.describe('sharing one window', () => {
  let browser: Browser | undefined;
  test.beforeEach(async ({ playwright }) => {
    browser = await playwright.chromium.launch(tabCaptureLaunchOptions(TARGET_TITLE));
  });
  test.afterEach(async () => {
    await browser?.close();
  });

  test('allowed (default): the agent sees the window and reads "Shared: one window"', async ({ server, agentContext }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const identity = await agent.identity();
    const session = await agent.startScreenShare();
    const customer = await customerPickingOneWindow(browser!, server.customerUrl);
    await customer.enterKey(await session.key());
    await customer.shareButton.click();

    await expect(customer.sharingBar(identity.displayName)).toBeVisible();
    await expect(customer.message(`${identity.displayName} can see only the window you chose, but cannot click or type on your computer.`)).toBeVisible();
    await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
    await expect(session.panel.getByText('Shared: one window', { exact: true })).toBeVisible();
    await waitForPicture(session.video, 320);
  });

  test.describe('not allowed (ALLOW_WINDOW_SHARE=false)', () => {
    test.use({ serverEnv: { ALLOW_WINDOW_SHARE: 'false' } });

    test('a picked window is not shared; the customer is asked for the entire screen', async ({ server, agentContext }) => {
      const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
      const session = await agent.startScreenShare();
      const customer = await customerPickingOneWindow(browser!, server.customerUrl);
      await customer.enterKey(await session.key());
      await customer.shareButton.click();

      await expect(customer.page.getByRole('heading', { name: 'Please share your entire screen' })).toBeVisible();
      await expect(customer.message('Only a whole screen can be shared here, not a single window or tab.')).toBeVisible();
      await expect(customer.page.getByRole('button', { name: 'Try again' })).toBeVisible();
      await expect(session.status).toHaveText('The customer is choosing what to share');
      await expect(session.panel.getByText('Shared:')).toHaveCount(0);
    });
  });
});
