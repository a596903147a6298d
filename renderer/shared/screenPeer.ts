import SimplePeer from 'simple-peer';
import { SignalData } from '../../signaling/protocol';
import type { IceServer } from '../../signaling/protocol';

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
}

export interface ScreenPeerOptions extends ScreenPeerEvents {
  role: 'sender' | 'receiver';
  iceServers: IceServer[];
  /** The captured screen; required for the sender. */
  stream?: MediaStream;
  iceTransportPolicy?: RTCIceTransportPolicy;
}

/** High enough for sharp 1080p text; the browser lowers it when the network can't carry it. */
const MAX_BITRATE_BPS = 8_000_000;

export class ScreenPeer {
  private readonly peer: SimplePeer.Instance;
  private destroyed = false;

  constructor(private readonly options: ScreenPeerOptions) {
    if (options.role === 'sender' && !options.stream) throw new Error('the sending side needs a stream');
    for (const track of options.stream?.getVideoTracks() ?? []) track.contentHint = 'detail';
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
    this.peer.on('close', () => options.onClose?.());
    this.peer.on('error', (error: Error) => options.onError?.(error));
  }

  signal(data: SignalData): void {
    if (!this.destroyed) this.peer.signal(data as SimplePeer.SignalData);
  }

  /** The underlying connection, for getStats(). */
  get connection(): RTCPeerConnection {
    return (this.peer as unknown as { _pc: RTCPeerConnection })._pc;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.peer.destroy();
  }

  /** Text on a screen must stay readable: keep resolution, drop frame rate under pressure. */
  private async tuneSender(): Promise<void> {
    for (const sender of this.connection.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const parameters = sender.getParameters();
      parameters.degradationPreference = 'maintain-resolution';
      for (const encoding of parameters.encodings ?? []) encoding.maxBitrate = MAX_BITRATE_BPS;
      try {
        await sender.setParameters(parameters);
      } catch (error) {
        console.warn('could not tune the screen encoder', error);
      }
    }
  }
}
