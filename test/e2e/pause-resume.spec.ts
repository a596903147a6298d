import { expect, test } from './fixtures';
import { countFrames, framesShown } from './pages/videoProbe';

/**
 * Pause with REAL screen capture: while paused, the agent's video presents no new frame at all
 * (the sender has no track, so nothing is encoded or sent); "Resume" brings frames back without
 * a new consent.
 */
const QUIET_WINDOW_MS = 3_000;

test('pause stops the picture at the agent, resume restarts it', async ({ agent, realCustomer: customer, realShare: sharing }) => {
  const video = sharing.session.video;

  await countFrames(video);
  await expect.poll(() => framesShown(video), { message: 'frames arrive while sharing' }).toBeGreaterThan(5);

  await customer.pauseButton.click();
  await expect(customer.resumeButton, 'the same button now offers Resume, and keeps the focus').toBeFocused();
  await expect(customer.message(`Sharing is paused: ${sharing.agentName} cannot see your screen`)).toBeVisible();
  await expect(sharing.session.status).toContainText('Paused');
  await expect(sharing.session.status).toHaveText('Paused by the customer');
  await expect(sharing.session.panel.getByText('Paused by the customer: no new picture until they resume.')).toBeVisible();

  // Frames already on their way when the customer clicked may still land; after that, none.
  await agent.page.waitForTimeout(1_000);
  const before = await framesShown(video);
  await agent.page.waitForTimeout(QUIET_WINDOW_MS);
  expect(await framesShown(video), `no frame decoded during ${QUIET_WINDOW_MS} ms of pause`).toBe(before);

  await customer.page.keyboard.press('Enter');
  await expect(customer.pauseButton).toBeFocused();
  await expect(customer.sharingBar(sharing.agentName)).toBeVisible();
  await expect(sharing.session.status).toHaveText("Sharing: you can see the customer's screen");
  await expect.poll(() => framesShown(video), { message: 'frames arrive again after Resume' }).toBeGreaterThan(before + 5);

  await customer.stopButton.click();
  await expect(sharing.session.status).toHaveText('Ended by the customer');
});
