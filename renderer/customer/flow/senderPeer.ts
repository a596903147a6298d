import { ScreenPeer, type ScreenPeerOptions } from '../../shared/screenPeer';
import type { IceServer, SignalData } from '../../../signaling/protocol';

/** The part of ScreenPeer the flow uses (faked in unit tests). */
export interface SenderPeer {
  signal(data: SignalData): void;
  /** No frame leaves the computer while paused; the connection stays up. */
  setPaused(paused: boolean): void;
  /** The connection's three verification words; null before both descriptions are set. */
  verificationWords(): Promise<string[] | null>;
  destroy(): void;
  useIceServers?(iceServers: IceServer[]): void;
}

export type SenderPeerOptions = Omit<ScreenPeerOptions, 'role'> & { stream: MediaStream };
export type CreateSenderPeer = (options: SenderPeerOptions) => SenderPeer;

export const createScreenSender: CreateSenderPeer = (options) => new ScreenPeer({ ...options, role: 'sender' });
