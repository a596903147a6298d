import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForPicture } from './pages/videoProbe';

/**
 * The agent console on a 390×844 phone during a chat share: nothing reaches past the window's
 * edge (no sideways scrolling, no cut-off picture or buttons) and the customer's name in the
 * conversation's head is not covered by its buttons.
 */
function pastTheRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > window.innerWidth + 1)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );
}

async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [first, second] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!first || !second) return false;
  return first.x < second.x + second.width && second.x < first.x + first.width && first.y < second.y + second.height && second.y < first.y + first.height;
}

test('on a phone, a chat share fits the width and the customer’s name stays readable', async ({ agent, startChat }) => {
  await agent.page.setViewportSize({ width: 390, height: 844 });
  const { customer, chat, requestShare } = await startChat('My screen looks odd', { customerName: 'Customer' });
  const title = chat.panel.locator('.chat-panel-title');
  await expect(title).toHaveText('Customer');
  expect(await title.evaluate((element) => element.scrollWidth <= element.clientWidth + 1), 'the name has room for itself').toBe(true);
  expect(await overlaps(title, chat.requestShare), 'the name is not under "Request screen share"').toBe(false);
  expect(await overlaps(title, chat.panel.getByRole('button', { name: 'End chat' })), 'the name is not under "End chat"').toBe(false);

  await (await requestShare()).getByRole('button', { name: 'Share screen' }).click();
  await customer.page.getByRole('button', { name: 'Share my screen' }).click();
  const session = chat.session();
  await waitForPicture(session.locator('video[aria-label="Customer screen"]'), 320);
  await expect(session.getByRole('button', { name: 'Fullscreen' })).toBeVisible();
  await agent.page.screenshot({ path: test.info().outputPath('agent-phone-chat-share.png') });
  expect(await pastTheRightEdge(agent.page), 'elements past the right edge of a 390 px window').toEqual([]);
  for (const name of ['Zoom in', 'Zoom out', 'Actual size', 'Sharp text', 'Fullscreen', 'End session']) {
    const box = await session.getByRole('button', { name }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390, `"${name}" is within the width`).toBe(true);
  }
});
