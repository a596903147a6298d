import type { IceServer, PeerChannelMessage, PointerMark, SignalData } from '../../../signaling/protocol';
import type { CreateSenderPeer, SenderPeer } from './senderPeer';

export interface ActiveShareEvents {
  /** The browser's own "Stop sharing" control (or the OS) ended the capture. */
  onCaptureEnded(): void;
  onConnected(): void;
  /** The verification words of the connected picture (read aloud to the agent). */
  onWords(words: string[] | null): void;
  /** A pointed spot or a drawn line from the agent (validated, peer to peer). */
  onMark(mark: PointerMark): void;
  /** The picture connection closed or failed without us asking. */
  onPeerLost(error?: Error): void;
}

/** How a share reaches the server: whatever socket is current (it changes when the flow reconnects). */
export interface SignalRoute {
  readonly iceServers: IceServer[];
  readonly iceTransportPolicy?: RTCIceTransportPolicy | undefined;
  sendSignal(data: SignalData): void;
}

/**
 * The customer's connection to the agent, and the captured screen once there is one. It starts
 * while the consent screen shows, with the data channel alone (ICE and DTLS done by the time the
 * customer clicks "Share my screen"); attach() then adds the picture, which only renegotiates.
 * The peer can be replaced (the agent's console reloaded) while the stream stays. stop()
 * releases both; after that no event is reported any more.
 */
export class ActiveShare {
  private peer: SenderPeer;
  private peerGeneration = 0;
  private stopped = false;
  private captured: MediaStream | null = null;
  /** True once the current peer closed or failed. */
  peerLost = false;
  /** The current peer is connected (with or without the picture). */
  connected = false;
  /** The current connection's verification words, once known. */
  words: string[] | null = null;
  private paused = false;
  /** Consent is given and a capture is under way: the peer prepares the picture's video section. */
  private pictureExpected = false;

  constructor(
    private readonly route: SignalRoute,
    private readonly createPeer: CreateSenderPeer,
    private readonly events: ActiveShareEvents,
  ) {
    this.peer = this.newPeer(route);
  }

  /** The captured screen, once the customer shared it. */
  get stream(): MediaStream | null {
    return this.captured;
  }

  /**
   * The customer consented and the screen is being captured: the picture's video section is
   * negotiated meanwhile, so that attach() needs no further offer and answer.
   */
  expectPicture(): void {
    if (this.stopped || this.captured || this.pictureExpected) return;
    this.pictureExpected = true;
    this.peer.prepareVideo();
  }

  /** The capture was cancelled or failed: the prepared video section is closed; the connection stays. */
  pictureNotComing(): void {
    if (this.stopped || this.captured || !this.pictureExpected) return;
    this.pictureExpected = false;
    this.peer.dropVideo();
  }

  /** The customer consented and the screen is captured: the picture goes out on this connection. */
  attach(stream: MediaStream): void {
    if (this.stopped || this.captured) return;
    this.captured = stream;
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => {
        if (!this.stopped) this.events.onCaptureEnded();
      });
    }
    if (this.peerLost) this.restartPeer(this.route);
    else this.peer.addStream(stream);
  }

  /** Signaling from the agent's side, relayed by the server. */
  signal(data: SignalData): void {
    if (!this.stopped) this.peer.signal(data);
  }

  /** A fresh peer connection for the same stream (the agent's side lost its own). */
  restartPeer(route: SignalRoute): void {
    if (this.stopped) return;
    this.peer.destroy();
    this.peer = this.newPeer(route);
    if (this.paused) this.peer.setPaused(true);
    if (this.pictureExpected && !this.captured) this.peer.prepareVideo();
  }

  /** Holds the picture back (or lets it go again); a replacement peer keeps the same setting. */
  setPaused(paused: boolean): void {
    if (this.stopped) return;
    this.paused = paused;
    // Disabled as well, so that even a track handed to a new sender carries no picture.
    for (const track of this.captured?.getVideoTracks() ?? []) track.enabled = !paused;
    this.peer.setPaused(paused);
  }

  /** Renewed TURN credentials from the server, for the current peer's later gathering. */
  useIceServers(iceServers: IceServer[]): void {
    if (!this.stopped) this.peer.useIceServers?.(iceServers);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.peer.destroy();
    for (const track of this.captured?.getTracks() ?? []) track.stop();
  }

  private newPeer(route: SignalRoute): SenderPeer {
    const generation = ++this.peerGeneration;
    this.peerLost = false;
    this.connected = false;
    this.words = null;
    const current =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        if (!this.stopped && generation === this.peerGeneration) handler(...args);
      };
    return this.createPeer({
      ...(this.captured ? { stream: this.captured } : {}),
      iceServers: route.iceServers,
      ...(route.iceTransportPolicy ? { iceTransportPolicy: route.iceTransportPolicy } : {}),
      onSignal: (data) => route.sendSignal(data),
      onMessage: current((message: PeerChannelMessage) => {
        if (message.type === 'pointer.point' || message.type === 'pointer.stroke') this.events.onMark(message);
      }),
      onConnect: current(() => {
        this.peerLost = false;
        this.connected = true;
        this.events.onConnected();
        void this.peer.verificationWords().then(
          current((words: string[] | null) => {
            this.words = words;
            this.events.onWords(words);
          }),
        );
      }),
      onClose: current(() => {
        this.peerLost = true;
        this.connected = false;
        this.events.onPeerLost();
      }),
      onError: current((error: Error) => {
        this.peerLost = true;
        this.connected = false;
        this.events.onPeerLost(error);
      }),
    });
  }
}
