import SimplePeer from 'simple-peer';
import { MAX_PEER_CHANNEL_MESSAGE_CHARS, PeerChannelMessage, SignalData, parseMessage } from '../../signaling/protocol';
import type { IceServer } from '../../signaling/protocol';
import { PICTURE_START_KBPS, withStartBitrate } from './startBitrate';
import { connectionWords } from './verification/verificationWords';
import { framesEncoded, ReducedFirstFrame } from './reducedFirstFrame';
import { applySenderTuning, NORMAL_TUNING, SHARP_TEXT_TUNING, type SenderTuning } from './senderTuning';

/**
 * Our only contact with simple-peer (unmaintained since 2022), so it can be swapped for plain
 * RTCPeerConnection code without touching the pages. The customer is the sender and initiates;
 * the agent only receives: the agent's side never offers a track.
 */
export interface ScreenPeerEvents {
  onSignal(data: SignalData): void;
  onStream?(stream: MediaStream): void;
  onConnect?(): void;
  onClose?(): void;
  onError?(error: Error): void;
  /** A validated message from the other side's data channel (e.g. the agent's "Sharp text"). */
  onMessage?(message: PeerChannelMessage): void;
}

export interface ScreenPeerOptions extends ScreenPeerEvents {
  role: 'sender' | 'receiver';
  iceServers: IceServer[];
  /**
   * The captured screen (sender only). Without it the sender connects with the data channel
   * alone, and addStream() later adds the picture.
   */
  stream?: MediaStream;
  iceTransportPolicy?: RTCIceTransportPolicy;
}

export class ScreenPeer {
  private readonly peer: SimplePeer.Instance;
  private destroyed = false;
  private sharpText = false;
  private videoSender: RTCRtpSender | undefined;
  private stream: MediaStream | undefined;
  /** The video section negotiated ahead of the capture (prepareVideo), until its track arrives. */
  private preparedVideo: RTCRtpTransceiver | undefined;
  /** A new picture's first frame goes out at half size, then the picture is full size. */
  private readonly firstFrame = new ReducedFirstFrame();

  constructor(private readonly options: ScreenPeerOptions) {
    this.stream = options.stream;
    for (const track of options.stream?.getVideoTracks() ?? []) track.contentHint = NORMAL_TUNING.contentHint;
    this.peer = new SimplePeer({
      initiator: options.role === 'sender',
      stream: options.stream,
      trickle: true,
      config: { iceServers: options.iceServers, iceTransportPolicy: options.iceTransportPolicy ?? 'all' },
      offerOptions: options.role === 'receiver' ? { offerToReceiveVideo: true } : {},
    });
    this.peer.on('signal', (data: unknown) => {
      const parsed = SignalData.safeParse(data);
      if (parsed.success) options.onSignal(parsed.data);
      else console.warn('simple-peer produced a signal our protocol does not describe', data);
    });
    this.peer.on('stream', (stream: MediaStream) => options.onStream?.(stream));
    this.peer.on('connect', () => {
      if (options.role === 'sender') void this.tuneSender();
      options.onConnect?.();
    });
    this.peer.on('data', (data: unknown) => this.receive(data));
    this.peer.on('close', () => options.onClose?.());
    this.peer.on('error', (error: Error) => options.onError?.(error));
  }

  /**
   * Sender only, at consent and before the screen is captured: adds the picture's video section
   * now (a tuned sendonly transceiver without a track), so its offer and answer overlap the
   * capture and addStream() only hands it the track. Nothing is encoded or sent until then.
   */
  prepareVideo(): void {
    if (this.destroyed || this.options.role !== 'sender' || this.stream || this.preparedVideo) return;
    // A stream id in the offer: the receiving side gets the track with a stream ('stream' event).
    this.preparedVideo = this.connection.addTransceiver('video', { direction: 'sendonly', streams: [new MediaStream()] });
    this.negotiate();
    // Scaled down before the track arrives, so the very first frame is already encoded small.
    this.firstFrame.begin();
    void this.tuneSender();
  }

  /** The capture did not come (cancelled, refused, failed): the prepared video section is closed again. */
  dropVideo(): void {
    const transceiver = this.preparedVideo;
    if (this.destroyed || !transceiver || this.stream) return;
    this.preparedVideo = undefined;
    this.firstFrame.end();
    transceiver.stop();
    this.negotiate();
  }

  /**
   * Adds the picture to a sender that connected without it: into the video section prepared
   * before (no negotiation), or else by renegotiating (one offer and answer over the existing
   * DTLS transport) instead of starting from scratch.
   */
  addStream(stream: MediaStream): void {
    if (this.destroyed || this.options.role !== 'sender' || this.stream) return;
    this.stream = stream;
    for (const track of stream.getVideoTracks()) track.contentHint = this.tuning.contentHint;
    const track = stream.getVideoTracks()[0];
    const prepared = this.preparedVideo;
    if (prepared && track) {
      this.videoSender = prepared.sender;
      // Fails only if the section was closed meanwhile: then the picture is lost like a failed peer.
      prepared.sender.replaceTrack(track).catch((error: Error) => this.options.onError?.(error));
      this.watchFirstFrame(prepared.sender);
      return;
    }
    this.firstFrame.begin();
    this.peer.addStream(stream);
    // Tuned before the offer goes out, so the first frame is already encoded as tuned.
    void this.tuneSender();
    const sender = this.connection.getSenders().find((candidate) => candidate.track === track);
    if (sender) this.watchFirstFrame(sender);
  }

  signal(data: SignalData): void {
    if (this.destroyed) return;
    // The sender's picture starts at a higher rate than the browser's own 300 kbit/s (startBitrate.ts).
    const tuned = this.options.role === 'sender' && data.type === 'answer' ? { ...data, sdp: withStartBitrate(data.sdp, PICTURE_START_KBPS) } : data;
    this.peer.signal(tuned as SimplePeer.SignalData);
  }

  /**
   * Fresh ICE servers (renewed TURN credentials) for gathering from now on, e.g. an ICE restart.
   * An allocation already made keeps working: TURN servers check credentials when allocating.
   */
  useIceServers(iceServers: IceServer[]): void {
    if (this.destroyed) return;
    try {
      this.connection.setConfiguration({ ...this.connection.getConfiguration(), iceServers });
    } catch (error) {
      console.warn('could not renew the ICE servers', error);
    }
  }

  /**
   * Holds the picture back (sender only): the video sender gets no track, so no frame is encoded
   * or sent at all — not even black ones — until resumed. The connection itself stays up.
   */
  setPaused(paused: boolean): void {
    this.videoSender ??= this.connection.getSenders().find((sender) => sender.track?.kind === 'video');
    const track = paused ? null : (this.stream?.getVideoTracks()[0] ?? null);
    this.videoSender?.replaceTrack(track).catch((error: unknown) => console.warn('could not pause or resume the picture', error));
  }

  /** The three words of this connection's two DTLS certificates; null before both descriptions are set. */
  verificationWords(): Promise<string[] | null> {
    return connectionWords(this.connection);
  }

  /** The underlying connection, for getStats(). */
  get connection(): RTCPeerConnection {
    return (this.peer as unknown as { _pc: RTCPeerConnection })._pc;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.firstFrame.end();
    this.peer.destroy();
  }

  /** Sends a message over the data channel; false when the channel is not open (yet). */
  send(message: PeerChannelMessage): boolean {
    if (this.destroyed || !this.peer.connected) return false;
    try {
      this.peer.send(JSON.stringify(message));
      return true;
    } catch (error) {
      console.warn('could not send over the data channel', error);
      return false;
    }
  }

  private receive(data: unknown): void {
    const textData = typeof data === 'string' ? data : data instanceof Uint8Array ? new TextDecoder().decode(data) : null;
    if (textData === null || textData.length > MAX_PEER_CHANNEL_MESSAGE_CHARS) return;
    const parsed = parseMessage(PeerChannelMessage, textData);
    if (!parsed.ok) return console.warn('ignored a data channel message:', parsed.error);
    if (parsed.value.type === 'picture.quality' && this.options.role === 'sender') {
      this.sharpText = parsed.value.sharpText;
      void this.tuneSender();
    }
    this.options.onMessage?.(parsed.value);
  }

  /** simple-peer's negotiate(): the initiator's next offer (now, or after the one under way); not in @types/simple-peer. */
  private negotiate(): void {
    (this.peer as unknown as { negotiate(): void }).negotiate();
  }

  /** Once the scaled-down first frame is encoded, the picture goes to full size (a new key frame). */
  private watchFirstFrame(sender: RTCRtpSender): void {
    this.firstFrame.watch(
      () => framesEncoded(sender),
      () => {
        if (!this.destroyed) void this.tuneSender();
      },
    );
  }

  /** Text on a screen must stay readable: keep resolution, drop frame rate under pressure. */
  private async tuneSender(): Promise<void> {
    await applySenderTuning(this.connection, this.tuning, this.firstFrame.scaleDownBy);
  }

  private get tuning(): SenderTuning {
    return this.sharpText ? SHARP_TEXT_TUNING : NORMAL_TUNING;
  }
}
