/**
 * Runs in every bench page before its own scripts (page.addInitScript): records, in epoch
 * milliseconds (performance.timeOrigin + performance.now(), one clock for every page on this
 * machine), the signaling messages each page sends and receives, clicks on buttons, and each
 * RTCPeerConnection with the moment it connected, and when each getDisplayMedia resolved. The
 * pages themselves are not changed.
 */
export interface BenchEvent {
  at: number;
  kind: 'ws-in' | 'ws-out' | 'click' | 'connected' | 'first-frame' | 'captured' | 'video-stats' | 'shown' | 'frame-size';
  /** message type, button text, ... */
  what: string;
  /** session.update phase, or the signal's data.type (offer, answer, candidate) */
  detail?: string;
}

export interface BenchProbe {
  events: BenchEvent[];
  pcs: RTCPeerConnection[];
  /**
   * BENCH_DEBUG only: records each change of the video counters (frames captured, encoded, sent
   * bytes, received, decoded, frame width) of every connection for `forMs`, polled every 20 ms.
   */
  watchVideoStats(forMs: number): void;
}

declare global {
  interface Window {
    __bench: BenchProbe;
  }
}

export function instrumentPage(): void {
  const now = () => performance.timeOrigin + performance.now();
  const probe: BenchProbe = { events: [], pcs: [], watchVideoStats: (forMs) => watchVideoStats(forMs) };
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

  const lastSeen = new Map<string, string>();
  const watchVideoStats = (forMs: number) => {
    const until = now() + forMs;
    const poll = async () => {
      for (const pc of probe.pcs) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats();
        report.forEach((stat: Record<string, unknown>) => {
          if (stat.kind !== 'video') return;
          const pick = (...names: string[]) => names.map((name) => `${name}=${String(stat[name] ?? '-')}`).join(' ');
          const line =
            stat.type === 'media-source'
              ? pick('frames', 'width')
              : stat.type === 'outbound-rtp'
                ? pick('framesEncoded', 'keyFramesEncoded', 'framesSent', 'bytesSent', 'frameWidth', 'qualityLimitationReason', 'targetBitrate')
                : stat.type === 'inbound-rtp'
                  ? pick('framesReceived', 'framesDecoded', 'keyFramesDecoded', 'bytesReceived', 'frameWidth')
                  : undefined;
          if (line === undefined || lastSeen.get(String(stat.id)) === line) return;
          lastSeen.set(String(stat.id), line);
          probe.events.push({ at: now(), kind: 'video-stats', what: String(stat.type), detail: line });
        });
      }
      if (now() < until) setTimeout(() => void poll(), 20);
    };
    void poll();
  };

  // The first decoded frame of each <video> that appears on the page.
  const watched = new WeakSet<HTMLVideoElement>();
  // When each button first appears, and when the frame with it is painted (the next animation frame).
  const buttonsSeen = new WeakSet<HTMLButtonElement>();
  const watch = () => {
    for (const button of document.querySelectorAll('button')) {
      if (buttonsSeen.has(button)) continue;
      buttonsSeen.add(button);
      const what = (button.textContent ?? '').trim();
      probe.events.push({ at: now(), kind: 'shown', what });
      requestAnimationFrame(() => probe.events.push({ at: now(), kind: 'shown', what, detail: 'painted' }));
    }
    for (const video of document.querySelectorAll('video')) {
      if (watched.has(video)) continue;
      watched.add(video);
      // The first frame, and for 20 s each frame whose width differs from the one before.
      let width = 0;
      let until = 0;
      const onFrame = (_: number, frame: VideoFrameCallbackMetadata) => {
        const what = video.getAttribute('aria-label') ?? 'video';
        if (width === 0) {
          probe.events.push({ at: now(), kind: 'first-frame', what, detail: String(frame.width) });
          until = now() + 20_000;
        } else if (frame.width !== width) probe.events.push({ at: now(), kind: 'frame-size', what, detail: String(frame.width) });
        width = frame.width;
        if (now() < until) video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }
  };
  new MutationObserver(watch).observe(document, { childList: true, subtree: true });
}
