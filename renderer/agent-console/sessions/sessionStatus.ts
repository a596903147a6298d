import type { EndReason, EndedBy, SessionPhase } from '../../../signaling/protocol';
import { text, type TextKey, type TextRef } from '../i18n/textRef';

/** How a session ended: as the server told us, or because our own socket to the server died. */
export type SessionOutcome = { by: EndedBy; reason: EndReason } | { lostServer: true };

export type SessionStage =
  | { stage: 'creating' }
  | {
      stage: 'active';
      phase: SessionPhase;
      keyExpiredLocally: boolean;
      streaming: boolean;
      /** Our own socket to the server is down; the session waits for us to resume. */
      reconnecting?: boolean;
      /** The customer's socket is down; the session waits for them to resume. */
      customerAway?: boolean;
      /** The customer typed the key in a browser that cannot share a screen; the key is still unused. */
      customerCannotShare?: boolean;
    }
  /** After a reload: taking the session back with its saved token. */
  | { stage: 'resuming' }
  | { stage: 'ended'; outcome: SessionOutcome };

/** Voice: the agent reads the key aloud. Chat: the request travels in the chat, no key is read. */
export type SessionFlow = 'voice' | 'chat';

/** The colour family of the status line. */
export type StatusTone = 'pending' | 'attention' | 'progress' | 'live' | 'ended' | 'problem';

export interface SessionStatus {
  text: TextRef;
  tone: StatusTone;
}

const PHASE_STATUS: Record<SessionPhase, { key: TextKey; tone: StatusTone }> = {
  waiting: { key: 'status.waiting', tone: 'pending' },
  'key-expired': { key: 'status.keyExpired', tone: 'attention' },
  'key-entered': { key: 'status.keyEntered', tone: 'progress' },
  'choosing-screen': { key: 'status.choosingScreen', tone: 'progress' },
  sharing: { key: 'status.sharing', tone: 'live' },
  paused: { key: 'status.paused', tone: 'attention' },
};

/** In a chat the customer answers a request; they never see or type a key. */
const CHAT_PHASE_STATUS: Partial<Record<SessionPhase, { key: TextKey; tone: StatusTone }>> = {
  waiting: { key: 'status.chatWaiting', tone: 'pending' },
  'key-expired': { key: 'status.chatExpired', tone: 'attention' },
  'key-entered': { key: 'status.chatAccepted', tone: 'progress' },
};

export function sessionStatus(state: SessionStage, flow: SessionFlow = 'voice'): SessionStatus {
  switch (state.stage) {
    case 'creating':
      return { text: text('session.creating'), tone: 'pending' };
    case 'resuming':
      return { text: text('status.reconnecting'), tone: 'attention' };
    case 'active': {
      if (state.reconnecting) return { text: text('status.reconnecting'), tone: 'attention' };
      // A customer who never entered the key cannot have dropped: the key is still to be read.
      const customerJoined = state.phase !== 'waiting' && state.phase !== 'key-expired';
      if (state.customerAway && customerJoined) return { text: text('status.customerAway'), tone: 'attention' };
      let phase = state.phase;
      // The picture is the proof: once it arrives we are sharing whatever the last update said.
      if (state.streaming && phase !== 'paused') phase = 'sharing';
      // Our countdown ran out before the server's key-expired update arrived.
      else if (phase === 'waiting' && state.keyExpiredLocally) phase = 'key-expired';
      if (state.customerCannotShare && phase === 'waiting') return { text: text('status.customerCannotShare'), tone: 'attention' };
      const { key, tone } = (flow === 'chat' ? CHAT_PHASE_STATUS[phase] : undefined) ?? PHASE_STATUS[phase];
      return { text: text(key), tone };
    }
    case 'ended':
      return endedStatus(state.outcome);
  }
}

export function endedStatus(outcome: SessionOutcome): SessionStatus {
  if ('lostServer' in outcome) return { text: text('status.serverConnectionLost'), tone: 'problem' };
  switch (outcome.reason) {
    case 'declined':
      return { text: text('status.declined'), tone: 'attention' };
    case 'connection-lost':
      return { text: text('status.customerConnectionLost'), tone: 'problem' };
    case 'capture-failed':
      return { text: text('status.captureFailed'), tone: 'problem' };
    case 'signed-out':
      return { text: text('status.signedOut'), tone: 'ended' };
    case 'access-revoked':
      return { text: text('status.accessRevoked'), tone: 'ended' };
    case 'server-shutdown':
      return { text: text('status.endedByServer'), tone: 'problem' };
    case 'ended':
      return { text: text(ENDED_BY[outcome.by]), tone: 'ended' };
  }
}

const ENDED_BY: Record<EndedBy, TextKey> = {
  agent: 'status.endedByYou',
  customer: 'status.endedByCustomer',
  server: 'status.endedByServer',
};

/** The key is worth showing only until the customer has used it. */
export function showsKey(state: SessionStage): boolean {
  return state.stage === 'active' && (state.phase === 'waiting' || state.phase === 'key-expired') && !state.streaming;
}

export function keyIsExpired(state: SessionStage): boolean {
  return state.stage === 'active' && (state.phase === 'key-expired' || (state.phase === 'waiting' && state.keyExpiredLocally));
}
