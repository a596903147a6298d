import type { Page } from 'playwright-core';
import { SCREEN_CAPTURE_OPTIONS } from '../../renderer/customer/platform/displayMediaOptions';

/**
 * The stack's limit: the same screen capture sent through a plain RTCPeerConnection pair inside
 * one page (no signaling server, no simple-peer), with the sender tuned as ScreenPeer tunes it.
 * Phases in ms from the click that starts it.
 */
export interface LoopbackPhases {
  captured: number;
  offer: number;
  connected: number;
  firstFrame: number;
}

declare global {
  interface Window {
    __loopback?: { sender: RTCPeerConnection; receiver: RTCPeerConnection; video: HTMLVideoElement; stop(): void };
  }
}

export async function startLoopbackPair(page: Page): Promise<LoopbackPhases> {
  await page.evaluate((options) => {
    document.querySelector('button')?.remove();
    const button = document.createElement('button');
    button.textContent = 'Start loopback';
    document.body.append(button);
    button.addEventListener('click', () => {
      window.__loopback?.stop();
      const events = window.__bench.events;
      const now = () => performance.timeOrigin + performance.now();
      const mark = (what: string) => events.push({ at: now(), kind: 'click', what });
      void (async () => {
        const stream = await navigator.mediaDevices.getDisplayMedia(options);
        mark('captured');
        const sender = new RTCPeerConnection();
        const receiver = new RTCPeerConnection();
        sender.onicecandidate = (event) => void (event.candidate && receiver.addIceCandidate(event.candidate));
        receiver.onicecandidate = (event) => void (event.candidate && sender.addIceCandidate(event.candidate));
        const video = document.createElement('video');
        video.muted = true;
        video.autoplay = true;
        video.style.width = '480px';
        video.setAttribute('aria-label', 'Loopback screen');
        receiver.ontrack = (event) => {
          video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
          document.body.append(video);
        };
        for (const track of stream.getTracks()) sender.addTrack(track, stream);
        window.__tuneLikeScreenPeer(sender);
        const offer = await sender.createOffer();
        await sender.setLocalDescription(offer);
        mark('offer');
        await receiver.setRemoteDescription(offer);
        const answer = await receiver.createAnswer();
        await receiver.setLocalDescription(answer);
        await sender.setRemoteDescription(answer);
        window.__loopback = {
          sender,
          receiver,
          video,
          stop() {
            for (const track of stream.getTracks()) track.stop();
            sender.close();
            receiver.close();
            video.remove();
          },
        };
      })();
    });
  }, SCREEN_CAPTURE_OPTIONS);
  const clickedAt = await page.evaluate(() => performance.timeOrigin + performance.now());
  await page.getByRole('button', { name: 'Start loopback' }).click();
  await page.waitForFunction(
    (after) => window.__bench.events.some((event) => event.kind === 'first-frame' && event.what === 'Loopback screen' && event.at >= after),
    clickedAt,
    { timeout: 30_000, polling: 50 },
  );
  const events = await page.evaluate(() => window.__bench.events);
  const at = (test: (event: (typeof events)[number]) => boolean, name: string) => {
    const found = events.find((event) => event.at >= clickedAt && test(event));
    if (!found) throw new Error(`loopback: no "${name}" event`);
    return found.at;
  };
  const started = at((event) => event.kind === 'click' && event.what === 'Start loopback', 'click');
  return {
    captured: at((event) => event.kind === 'click' && event.what === 'captured', 'captured') - started,
    offer: at((event) => event.kind === 'click' && event.what === 'offer', 'offer') - started,
    connected: at((event) => event.kind === 'connected', 'connected') - started,
    firstFrame: at((event) => event.kind === 'first-frame' && event.what === 'Loopback screen', 'first frame') - started,
  };
}

export async function stopLoopbackPair(page: Page): Promise<void> {
  await page.evaluate(() => window.__loopback?.stop());
}
