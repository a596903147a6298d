import { ScreenPeer, type ScreenPeerOptions } from '../../shared/screenPeer';
import type { IceServer, SignalData } from '../../../signaling/protocol';

/** The part of ScreenPeer the flow uses (faked in unit tests). */
export interface SenderPeer {
  signal(data: SignalData): void;
  /** At consent: negotiates the picture's (still empty) video section while the screen is being captured. */
  prepareVideo(): void;
  /** The capture did not come: closes that video section again. */
  dropVideo(): void;
  /** Adds the captured screen to a peer that was created (and may have connected) without it. */
  addStream(stream: MediaStream): void;
  /** No frame leaves the computer while paused; the connection stays up. */
  setPaused(paused: boolean): void;
  /** The connection's three verification words; null before both descriptions are set. */
  verificationWords(): Promise<string[] | null>;
  destroy(): void;
  useIceServers?(iceServers: IceServer[]): void;
}

/** Without a stream the peer connects with its data channel only (before consent). */
export type SenderPeerOptions = Omit<ScreenPeerOptions, 'role'>;
export type CreateSenderPeer = (options: SenderPeerOptions) => SenderPeer;

export const createScreenSender: CreateSenderPeer = (options) => new ScreenPeer({ ...options, role: 'sender' });
