/**
 * Runs in every bench page before its own scripts (page.addInitScript): records, in epoch
 * milliseconds (performance.timeOrigin + performance.now(), one clock for every page on this
 * machine), the signaling messages each page sends and receives, clicks on buttons, and each
 * RTCPeerConnection with the moment it connected, and when each getDisplayMedia resolved. The
 * pages themselves are not changed.
 */
export interface BenchEvent {
  at: number;
  kind: 'ws-in' | 'ws-out' | 'click' | 'connected' | 'first-frame' | 'captured';
  /** message type, button text, ... */
  what: string;
  /** session.update phase, or the signal's data.type (offer, answer, candidate) */
  detail?: string;
}

export interface BenchProbe {
  events: BenchEvent[];
  pcs: RTCPeerConnection[];
}

declare global {
  interface Window {
    __bench: BenchProbe;
  }
}

export function instrumentPage(): void {
  const now = () => performance.timeOrigin + performance.now();
  const probe: BenchProbe = { events: [], pcs: [] };
  window.__bench = probe;
  const describe = (text: unknown): { what: string; detail?: string } | undefined => {
    if (typeof text !== 'string') return undefined;
    try {
      const message = JSON.parse(text) as { type?: string; phase?: string; data?: { type?: string } };
      return { what: String(message.type), detail: message.phase ?? message.data?.type };
    } catch {
      return undefined;
    }
  };

  const NativeWebSocket = window.WebSocket;
  class RecordingWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        const message = describe(event.data);
        if (message) probe.events.push({ at: now(), kind: 'ws-in', ...message });
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const message = describe(data);
      if (message) probe.events.push({ at: now(), kind: 'ws-out', ...message });
      super.send(data);
    }
  }
  window.WebSocket = RecordingWebSocket;

  const NativePeerConnection = window.RTCPeerConnection;
  class RecordingPeerConnection extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      probe.pcs.push(this);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected') probe.events.push({ at: now(), kind: 'connected', what: 'pc' });
      });
    }
  }
  window.RTCPeerConnection = RecordingPeerConnection;

  const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
  if (mediaDevices?.getDisplayMedia) {
    const getDisplayMedia = mediaDevices.getDisplayMedia.bind(mediaDevices);
    mediaDevices.getDisplayMedia = async (options?: DisplayMediaStreamOptions) => {
      const stream = await getDisplayMedia(options);
      probe.events.push({ at: now(), kind: 'captured', what: 'getDisplayMedia' });
      return stream;
    };
  }

  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.('button');
      if (button) probe.events.push({ at: now(), kind: 'click', what: (button.textContent ?? '').trim() });
    },
    true,
  );

  // The first decoded frame of each <video> that appears on the page.
  const watched = new WeakSet<HTMLVideoElement>();
  const watch = () => {
    for (const video of document.querySelectorAll('video')) {
      if (watched.has(video)) continue;
      watched.add(video);
      video.requestVideoFrameCallback(() =>
        probe.events.push({ at: now(), kind: 'first-frame', what: video.getAttribute('aria-label') ?? 'video' }),
      );
    }
  };
  new MutationObserver(watch).observe(document, { childList: true, subtree: true });
}
