import { expect, test } from './fixtures';
import { CustomerPage } from './pages/customerPage';
import { waitForPicture } from './pages/videoProbe';

/**
 * "Share my screen" negotiates the picture's video section while the browser's screen dialog is
 * open (issue #17). Here the customer cancels that dialog only after the section is negotiated:
 * the section is closed again (gone from the connection, which stays), the agent is not left
 * "Connecting…", and "Try again" shares over the same connection.
 */
declare global {
  interface Window {
    /** Every RTCPeerConnection the page made (recorded by the test's init script). */
    __connections: RTCPeerConnection[];
    /** Rejects the pending getDisplayMedia as Chromium does when its dialog is cancelled. */
    __cancelDialog(): void;
  }
}

/** The customer's video sections: 'sendonly' once negotiated; a closed one is gone once that is negotiated. */
const videoDirections = (page: CustomerPage['page']) =>
  page.evaluate(() =>
    window.__connections.flatMap((pc) =>
      pc.getTransceivers().filter((t) => t.receiver.track.kind === 'video').map((t) => t.currentDirection ?? 'new'),
    ),
  );

test('the customer cancels the screen dialog after the picture was negotiated: the agent still reads "choosing", and "Try again" shares', async ({
  server,
  agent,
  agentIdentity: identity,
  fakeCustomerContext,
}) => {
  const session = await agent.startScreenShare();

  const context = await fakeCustomerContext();
  await context.addInitScript(() => {
    window.__connections = [];
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        window.__connections.push(this);
      }
    };
    // The first dialog stays open until the test cancels it; later ones are Chromium's own.
    const devices = navigator.mediaDevices as MediaDevices | undefined;
    if (!devices) return; // about:blank, before the customer page
    const real = devices.getDisplayMedia.bind(devices);
    let cancel: (() => void) | null = null;
    let first = true;
    window.__cancelDialog = () => cancel?.();
    devices.getDisplayMedia = (options) => {
      if (!first) return real(options);
      first = false;
      return new Promise((_, reject) => (cancel = () => reject(new DOMException('Permission denied by user', 'NotAllowedError'))));
    };
  });
  const customer = await CustomerPage.open(context, server.customerUrl);
  await customer.enterKey(await session.key());
  await expect(customer.consentQuestion(identity)).toBeVisible();
  await customer.shareButton.click();

  await expect.poll(() => videoDirections(customer.page), { message: 'the video section is negotiated while the dialog is open' }).toEqual(['sendonly']);
  await expect(session.status).toHaveText('The customer is choosing what to share');
  await customer.page.evaluate(() => window.__cancelDialog());

  await expect(customer.page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect.poll(() => videoDirections(customer.page), { message: 'the video section is closed again' }).toEqual([]);
  await expect(session.status).toHaveText('The customer is choosing what to share');
  await expect(session.panel.getByText("Connecting to the customer's screen…")).toHaveCount(0);
  await expect(session.video).toBeHidden();

  await customer.page.getByRole('button', { name: 'Try again' }).click();
  await expect(customer.sharingBar(identity.displayName)).toBeVisible();
  await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
  await waitForPicture(session.video, 640);
  expect(await customer.page.evaluate(() => window.__connections.length), 'the connection made at the consent screen carried it').toBe(1);
});
