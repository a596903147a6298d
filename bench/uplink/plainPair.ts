import type { Page } from 'playwright-core';
import { SCREEN_CAPTURE_OPTIONS } from '../../renderer/customer/platform/displayMediaOptions';

/**
 * The baseline under a shaped uplink: the same screen capture sent by a plain RTCPeerConnection in
 * the customer's browser (inside the namespace) to a plain RTCPeerConnection in a browser on this
 * machine, the bench carrying offer and answer between the two pages (complete descriptions, no
 * trickle): no signaling server, no simple-peer, the sender tuned as ScreenPeer tunes it. The
 * loopback pair of the join and picture benches lives in one page, so its packets would never
 * cross the shaped link.
 */
export const PLAIN_PAIR_VIDEO = 'Plain pair screen';

declare global {
  interface Window {
    __plainPair?: { offer?: Promise<RTCSessionDescriptionInit>; pc?: RTCPeerConnection; stop?: () => void };
  }
}

/** Starts the pair; resolves with ms from the click on the sender's button to the receiver's first frame. */
export async function startPlainPair(sender: Page, receiver: Page): Promise<{ firstFrameMs: number }> {
  await sender.evaluate((options) => {
    const button = document.createElement('button');
    button.textContent = 'Start plain pair';
    document.body.append(button);
    button.addEventListener('click', () => {
      const state: NonNullable<Window['__plainPair']> = {};
      window.__plainPair = state;
      state.offer = (async () => {
        const stream = await navigator.mediaDevices.getDisplayMedia(options);
        const pc = new RTCPeerConnection();
        state.pc = pc;
        state.stop = () => {
          for (const track of stream.getTracks()) track.stop();
          pc.close();
        };
        for (const track of stream.getTracks()) pc.addTrack(track, stream);
        window.__tuneLikeScreenPeer(pc);
        await pc.setLocalDescription(await pc.createOffer());
        await new Promise<void>((resolve) => {
          if (pc.iceGatheringState === 'complete') resolve();
          pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
        });
        return pc.localDescription?.toJSON() as RTCSessionDescriptionInit;
      })();
    });
  }, SCREEN_CAPTURE_OPTIONS);
  const clickedAt = await sender.evaluate(() => performance.timeOrigin + performance.now());
  await sender.getByRole('button', { name: 'Start plain pair' }).click();
  const offer = await sender.evaluate(() => window.__plainPair?.offer);
  if (!offer) throw new Error('plain pair: the sender made no offer');

  const answer = await receiver.evaluate(
    async ({ offer, label }) => {
      const pc = new RTCPeerConnection();
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.setAttribute('aria-label', label);
      pc.ontrack = (event) => {
        video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
        document.body.append(video);
      };
      window.__plainPair = { pc, stop: () => (pc.close(), video.remove()) };
      await pc.setRemoteDescription(offer);
      await pc.setLocalDescription(await pc.createAnswer());
      await new Promise<void>((resolve) => {
        if (pc.iceGatheringState === 'complete') resolve();
        pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
      });
      return pc.localDescription?.toJSON() as RTCSessionDescriptionInit;
    },
    { offer, label: PLAIN_PAIR_VIDEO },
  );
  await sender.evaluate((answer) => window.__plainPair?.pc?.setRemoteDescription(answer), answer);
  await receiver.waitForFunction(
    ({ after, label }) => window.__bench.events.some((event) => event.kind === 'first-frame' && event.what === label && event.at >= after),
    { after: clickedAt, label: PLAIN_PAIR_VIDEO },
    { timeout: 60_000, polling: 50 },
  );
  const firstFrameAt = await receiver.evaluate(
    (label) => window.__bench.events.find((event) => event.kind === 'first-frame' && event.what === label)?.at ?? Number.NaN,
    PLAIN_PAIR_VIDEO,
  );
  const clicked = await sender.evaluate(
    (after) => window.__bench.events.find((event) => event.kind === 'click' && event.what === 'Start plain pair' && event.at >= after)?.at ?? after,
    clickedAt,
  );
  return { firstFrameMs: firstFrameAt - clicked };
}

export async function stopPlainPair(sender: Page, receiver: Page): Promise<void> {
  for (const page of [sender, receiver]) await page.evaluate(() => window.__plainPair?.stop?.()).catch(() => undefined);
}
