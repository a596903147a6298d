import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * "Point" with REAL screen capture: the agent clicks the magenta marker in the customer's picture;
 * the customer's page must put the agent's mark at the marker's place on the real screen (in the
 * captured screen's pixels), say where it is, and hide it when the customer turns marks off.
 */
const TOLERANCE_PX = 12;

/** Where on the page a point of the customer's screen is shown in the agent's video (object-fit: contain). */
async function pagePointOf(video: Locator, point: { x: number; y: number }, screen: { width: number; height: number }) {
  const box = await video.boundingBox();
  if (!box) throw new Error('the video is not on the page');
  const scale = Math.min(box.width / screen.width, box.height / screen.height);
  const left = box.x + (box.width - screen.width * scale) / 2;
  const top = box.y + (box.height - screen.height * scale) / 2;
  return { x: left + point.x * scale, y: top + point.y * scale };
}

test('the agent points at the marker; the customer sees the mark at that place of the real screen', async ({ desktop, agent, realCustomer: customer, realShare: sharing }) => {
  const { marker } = desktop;

  const point = sharing.session.panel.getByRole('button', { name: 'Point', exact: true });
  await expect(sharing.session.panel.getByRole('button', { name: 'Draw', exact: true })).toBeVisible();
  await point.click();
  await expect(point).toHaveAttribute('aria-pressed', 'true');

  const target = await pagePointOf(sharing.session.video, marker.markerPoint, marker.screen);
  await agent.page.mouse.click(target.x, target.y);

  const mark = customer.page.locator('.marks-point');
  await expect(mark).toBeVisible();
  const screenX = Number(await mark.getAttribute('data-screen-x'));
  const screenY = Number(await mark.getAttribute('data-screen-y'));
  console.log(`marker at (${marker.markerPoint.x}, ${marker.markerPoint.y}); the customer's mark at (${screenX}, ${screenY})`);
  expect(Math.abs(screenX - marker.markerPoint.x), 'x on the customer screen').toBeLessThanOrEqual(TOLERANCE_PX);
  expect(Math.abs(screenY - marker.markerPoint.y), 'y on the customer screen').toBeLessThanOrEqual(TOLERANCE_PX);
  await expect(customer.page.getByText(`${sharing.agentName} is pointing at`)).toBeVisible();

  // The customer turns the marks off: nothing the agent sends shows any more.
  await customer.page.getByRole('checkbox', { name: `Show ${sharing.agentName}’s pointer and drawings on this preview` }).uncheck();
  await expect(mark).toBeHidden();
  await agent.page.mouse.click(target.x, target.y);
  await expect(mark).toBeHidden();
});
