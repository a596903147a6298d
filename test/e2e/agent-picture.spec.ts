import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { expectPictureFillsRoom, pictureGeometry } from './pages/pictureGeometry';
import { recordPeerConnections, videoSending } from './pages/senderProbe';
import { shareScreen } from './shareFlow';

/**
 * The agent reads the customer's screen: the picture takes the room the window has, fullscreen
 * shows it alone at the screen's size, and zoom, pan, 1:1 and "Sharp text" work as a person uses
 * them. Chromium's synthetic screen stands in for a real one.
 */
test.describe("the agent's picture", () => {
  test('fills the window at 1280×720 and 1440×900, and fullscreen at the screen size', async ({ agent, fakeShare: { session } }, testInfo) => {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      await agent.page.setViewportSize(viewport);
      await expectPictureFillsRoom(session.panel);
      const path = testInfo.outputPath(`picture-${viewport.width}x${viewport.height}.png`);
      await agent.page.screenshot({ path });
      await testInfo.attach('picture', { path, contentType: 'image/png' });
    }

    await session.panel.getByRole('button', { name: 'Fullscreen' }).click();
    await expect(session.panel.getByRole('button', { name: 'Exit fullscreen' })).toBeVisible();
    await expect
      .poll(async () => {
        const { box, viewport } = await pictureGeometry(session.panel);
        return [box.x, box.y, box.width, box.height].map(Math.round).join(',') === `0,0,${viewport.width},${viewport.height}`;
      }, { message: 'in fullscreen the video fills the screen' })
      .toBe(true);
    const fullscreen = await pictureGeometry(session.panel);
    expect(Math.max(fullscreen.shown.width / fullscreen.viewport.width, fullscreen.shown.height / fullscreen.viewport.height)).toBeGreaterThan(0.99);
    const path = testInfo.outputPath('picture-fullscreen.png');
    await agent.page.screenshot({ path });
    await testInfo.attach('picture-fullscreen', { path, contentType: 'image/png' });
    // In fullscreen the controls fade (and let clicks through to the picture) after 2.5 s without
    // the pointer moving, which a busy machine's screenshot outlasts; focus keeps them shown.
    const exitFullscreen = session.panel.getByRole('button', { name: 'Exit fullscreen' });
    await exitFullscreen.focus();
    await exitFullscreen.click();
    await expect(session.panel.getByRole('button', { name: 'Fullscreen' })).toBeVisible();
  });

  test('zooms with the buttons, the keys and the wheel, pans, shows 1:1 and asks for sharp text', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const customerContext = await fakeCustomerContext();
    await recordPeerConnections(customerContext);
    const customer = await CustomerPage.open(customerContext, server.customerUrl);
    const { session } = await shareScreen(agent, customer, 640);
    const panel = session.panel;
    const zoomIn = panel.getByRole('button', { name: 'Zoom in' });
    const zoomOut = panel.getByRole('button', { name: 'Zoom out' });
    const actualSize = panel.getByRole('button', { name: 'Actual size' });
    const sharpText = panel.getByRole('button', { name: 'Sharp text' });
    const shownWidth = async () => (await pictureGeometry(panel)).shown.width;

    const fitWidth = await shownWidth();
    await expect(zoomOut).toBeDisabled(); // the whole picture already shows
    await zoomIn.click();
    await expect.poll(shownWidth).toBeCloseTo(fitWidth * 1.25, 0);
    await zoomOut.click();
    await expect.poll(shownWidth).toBeCloseTo(fitWidth, 0);

    // 1:1: one pixel of the customer's screen is one pixel of the agent's, and stays so when the
    // picture sharpens from its half-size first frame to full size meanwhile.
    await actualSize.click();
    await expect(actualSize).toHaveAttribute('aria-pressed', 'true');
    const pixelRatio = await agent.page.evaluate(() => window.devicePixelRatio);
    const offOneToOne = async () => {
      const { shown, video } = await pictureGeometry(panel);
      return Math.abs(shown.width - video.width / pixelRatio);
    };
    await expect.poll(offOneToOne).toBeLessThan(0.5);
    await expect(actualSize).toHaveAttribute('aria-pressed', 'true');
    await actualSize.click();
    await expect(actualSize).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(shownWidth).toBeCloseTo(fitWidth, 0);

    // The keyboard: + zooms, the arrows pan, 0 fits again.
    const stage = panel.getByRole('group', { name: /^Customer screen:/ });
    await stage.focus();
    await agent.page.keyboard.press('+');
    await agent.page.keyboard.press('+');
    await expect.poll(shownWidth).toBeCloseTo(fitWidth * 1.5625, 0);
    const before = (await pictureGeometry(panel)).box.x;
    await agent.page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await pictureGeometry(panel)).box.x).toBeLessThan(before);
    await agent.page.keyboard.press('0');
    await expect.poll(shownWidth).toBeCloseTo(fitWidth, 0);

    // Ctrl + wheel (also what a trackpad pinch sends) zooms at the pointer; a drag pans.
    const box = await stage.boundingBox();
    if (!box) throw new Error('the stage has no box');
    await agent.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await agent.page.keyboard.down('Control');
    await agent.page.mouse.wheel(0, -300);
    await agent.page.keyboard.up('Control');
    await expect.poll(shownWidth).toBeGreaterThan(fitWidth * 1.2);
    const zoomedX = (await pictureGeometry(panel)).box.x;
    await agent.page.mouse.down();
    await agent.page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 10, { steps: 4 });
    await agent.page.mouse.up();
    await expect.poll(async () => (await pictureGeometry(panel)).box.x).toBeGreaterThan(zoomedX);

    // "Sharp text": the customer's browser keeps the resolution and trades frame rate for detail.
    // The full-size picture first (the first frame comes at half size), as the figure names it.
    const trackWidth = (await videoSending(customer.page))?.trackWidth;
    await expect.poll(async () => (await pictureGeometry(panel)).video.width, { message: 'the picture is as wide as the screen' }).toBe(trackWidth);
    const full = (await pictureGeometry(panel)).video;
    const resolution = panel.locator('.figure-resolution dd');
    await expect(resolution).toHaveText(`${full.width}×${full.height}`);
    await expect.poll(() => videoSending(customer.page)).toMatchObject({ degradationPreference: 'maintain-resolution', contentHint: 'detail' });
    const normal = await videoSending(customer.page);
    await sharpText.click();
    await expect(sharpText).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => videoSending(customer.page)).toMatchObject({
      degradationPreference: 'maintain-resolution',
      maxFramerate: 5,
      contentHint: 'text',
    });
    expect((await videoSending(customer.page))?.maxBitrate).toBeGreaterThan(normal?.maxBitrate ?? 0);
    const frameRate = panel.locator('.figure-frameRate dd');
    await expect.poll(async () => Number.parseInt(await frameRate.innerText(), 10), { timeout: 20_000 }).toBeLessThanOrEqual(6);
    await expect(resolution).toHaveText(`${full.width}×${full.height}`);
    await sharpText.click();
    await expect(sharpText).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => videoSending(customer.page)).toMatchObject({ contentHint: 'detail', maxFramerate: undefined });
  });
});
