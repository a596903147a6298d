import type { SignalData } from '../../signaling/protocol';
import type { CustomerLink } from './customerLink';
import type { CreateSenderPeer, SenderPeer } from './senderPeer';

export interface ActiveShareEvents {
  /** The browser's own "Stop sharing" control (or the OS) ended the capture. */
  onCaptureEnded(): void;
  onConnected(): void;
  /** The picture connection closed or failed without us asking. */
  onPeerLost(error?: Error): void;
}

/**
 * A captured screen on its way to the agent: the stream, and the sender peer that carries it.
 * stop() releases both; after that no event is reported any more.
 */
export class ActiveShare {
  private readonly peer: SenderPeer;
  private stopped = false;

  constructor(
    readonly stream: MediaStream,
    link: CustomerLink,
    createPeer: CreateSenderPeer,
    events: ActiveShareEvents,
  ) {
    const unlessStopped =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        if (!this.stopped) handler(...args);
      };
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', unlessStopped(() => events.onCaptureEnded()));
    }
    this.peer = createPeer({
      stream,
      iceServers: link.iceServers,
      ...(link.iceTransportPolicy ? { iceTransportPolicy: link.iceTransportPolicy } : {}),
      onSignal: (data) => link.send({ type: 'signal', data }),
      onConnect: unlessStopped(() => events.onConnected()),
      onClose: unlessStopped(() => events.onPeerLost()),
      onError: unlessStopped((error: Error) => events.onPeerLost(error)),
    });
  }

  /** Signaling from the agent's side, relayed by the server. */
  signal(data: SignalData): void {
    if (!this.stopped) this.peer.signal(data);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.peer.destroy();
    for (const track of this.stream.getTracks()) track.stop();
  }
}
