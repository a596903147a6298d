import type { CustomerMessage } from '../../../signaling/protocol';
import type { SavedResume } from './resumeMemory';

/**
 * What the flow keeps to get back into its session after the socket dropped. One object per
 * session: leaving the session replaces it whole, so nothing of it outlives the session.
 */
export interface ResumeState {
  /** The token that takes us back into the session, and how long the server waits for us. */
  saved: SavedResume | null;
  /** The agent's socket is gone for now (the server said so); it may come back. */
  peerAway: boolean;
  /** Consent and share state decided while reconnecting, sent after the resume. */
  readonly outbox: CustomerMessage[];
  /** Peer restarts since the picture last connected; a picture that never comes back ends the share. */
  silentPeerRestarts: number;
}

export function freshResumeState(saved: SavedResume | null = null): ResumeState {
  return { saved, peerAway: false, outbox: [], silentPeerRestarts: 0 };
}
