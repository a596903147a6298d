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

  // The agent's window gets smaller: the picture shrinks, and a click still lands where it shows.
  await agent.page.setViewportSize({ width: 1000, height: 700 });
  const elsewhere = { x: marker.markerPoint.x - 600, y: marker.markerPoint.y + 200 };
  const target2 = await pagePointOf(sharing.session.video, elsewhere, marker.screen);
  await agent.page.mouse.click(target2.x, target2.y);
  await expect.poll(async () => Math.abs(Number(await mark.getAttribute('data-screen-x')) - elsewhere.x), { message: 'x after the resize' }).toBeLessThanOrEqual(TOLERANCE_PX);
  const after = { x: Number(await mark.getAttribute('data-screen-x')), y: Number(await mark.getAttribute('data-screen-y')) };
  console.log(`after the agent's window shrank: clicked (${elsewhere.x}, ${elsewhere.y}); the customer's mark at (${after.x}, ${after.y})`);
  expect(Math.abs(after.y - elsewhere.y), 'y after the resize').toBeLessThanOrEqual(TOLERANCE_PX);

  // The customer turns the marks off: nothing the agent sends shows any more.
  await customer.page.getByRole('checkbox', { name: `Show ${sharing.agentName}’s pointer and drawings on this preview` }).uncheck();
  await expect(mark).toBeHidden();
  await agent.page.mouse.click(target2.x, target2.y);
  await expect(mark).toBeHidden();
});

test('the agent draws a line over the marker; the customer’s preview shows it there, and it fades away', async ({ desktop, agent, realCustomer: customer, realShare: sharing }) => {
  const { marker } = desktop;

  const draw = sharing.session.panel.getByRole('button', { name: 'Draw', exact: true });
  await draw.click();
  await expect(draw).toHaveAttribute('aria-pressed', 'true');
  const from = await pagePointOf(sharing.session.video, marker.markerPoint, marker.screen);
  const to = await pagePointOf(sharing.session.video, { x: marker.markerPoint.x + 200, y: marker.markerPoint.y + 100 }, marker.screen);
  await agent.page.mouse.move(from.x, from.y);
  await agent.page.mouse.down();
  await agent.page.mouse.move(to.x, to.y, { steps: 8 });
  await agent.page.mouse.up();

  const line = customer.page.locator('.marks-layer polyline');
  await expect(line).toHaveCount(1);
  await expect(customer.page.getByText(`${sharing.agentName} is drawing on your screen.`)).toBeVisible();
  const [first] = ((await line.getAttribute('points')) ?? '').split(' ').map((pair) => pair.split(',').map(Number));
  const start = { x: (first?.[0] ?? -1) * marker.screen.width, y: (first?.[1] ?? -1) * marker.screen.height };
  console.log(`line starts at (${Math.round(start.x)}, ${Math.round(start.y)}); marker at (${marker.markerPoint.x}, ${marker.markerPoint.y})`);
  expect(Math.abs(start.x - marker.markerPoint.x), 'x on the customer screen').toBeLessThanOrEqual(TOLERANCE_PX);
  expect(Math.abs(start.y - marker.markerPoint.y), 'y on the customer screen').toBeLessThanOrEqual(TOLERANCE_PX);

  // Strokes fade after a few seconds (MARK_VISIBLE_MS): the preview is clear again.
  await expect(line).toHaveCount(0);
  await expect(customer.page.getByText(`When ${sharing.agentName} points at something, it appears here.`)).toBeVisible();
});

test('the agent points from the keyboard: arrows move the crosshair on the picture, Enter points there', async ({ agent, customer, fakeShare: sharing }) => {

  const point = sharing.session.panel.getByRole('button', { name: 'Point', exact: true });
  await point.focus();
  await agent.page.keyboard.press('Enter');
  await expect(point).toHaveAttribute('aria-pressed', 'true');
  await expect(sharing.session.panel.getByText('Click on the picture, or use the arrow keys and Enter on it.')).toBeVisible();

  // Tab on to the picture; the crosshair starts in the middle.
  const stage = sharing.session.panel.locator('.video-stage');
  await stage.focus();
  await expect(stage).toBeFocused();
  await expect(stage.locator('.keyboard-pen')).toBeVisible();
  for (let i = 0; i < 5; i++) await agent.page.keyboard.press('ArrowRight');
  await agent.page.keyboard.press('Shift+ArrowUp');
  await agent.page.keyboard.press('Enter');

  const mark = customer.page.locator('.marks-point');
  await expect(mark).toBeVisible();
  expect(Number(await mark.getAttribute('data-x'))).toBeCloseTo(0.6, 3);
  expect(Number(await mark.getAttribute('data-y'))).toBeCloseTo(0.4, 3);
  await expect(customer.page.getByText(`${sharing.agentName} is pointing at the middle of your screen.`)).toBeVisible();

  // Escape switches the tool off; the arrows pan the picture again instead of pointing.
  await agent.page.keyboard.press('Escape');
  await expect(point).toHaveAttribute('aria-pressed', 'false');
  await expect(stage.locator('.keyboard-pen')).toBeHidden();
});
