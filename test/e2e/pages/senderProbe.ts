import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __sentPeerConnections?: RTCPeerConnection[];
  }
}

/** Remembers every RTCPeerConnection the context's pages make, so a test can read how they send. */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    window.__sentPeerConnections = [];
    window.RTCPeerConnection = class extends Original {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        window.__sentPeerConnections?.push(this);
      }
    };
  });
}

export interface VideoSending {
  degradationPreference: string | undefined;
  maxFramerate: number | undefined;
  maxBitrate: number | undefined;
  contentHint: string | undefined;
  /** The captured screen's width (what a full-size picture is as wide as). */
  trackWidth: number | undefined;
}

/** How the page's newest peer connection encodes its video track right now. */
export function videoSending(page: Page): Promise<VideoSending | null> {
  return page.evaluate(() => {
    const connection = window.__sentPeerConnections?.at(-1);
    const sender = connection?.getSenders().find((candidate) => candidate.track?.kind === 'video');
    if (!sender) return null;
    const parameters = sender.getParameters();
    const encoding = parameters.encodings[0];
    return {
      degradationPreference: parameters.degradationPreference,
      maxFramerate: encoding?.maxFramerate,
      maxBitrate: encoding?.maxBitrate,
      contentHint: sender.track?.contentHint,
      trackWidth: sender.track?.getSettings().width,
    };
  });
}
