import type { EndReason, EndedBy } from '../../../signaling/protocol';
import { text, type TextRef } from '../i18n/textRef';

/** How a session ended, from the customer's point of view. */
export type EndOutcome =
  | 'stopped'
  | 'agent-ended'
  | 'declined'
  | 'cancelled'
  | 'connection-lost'
  | 'agent-signed-out'
  | 'agent-access-ended'
  | 'server-shutdown'
  | 'server-ended'
  | 'unsupported';

export function outcomeFromEnded(by: EndedBy, reason: EndReason): EndOutcome {
  switch (reason) {
    case 'declined':
      return 'declined';
    case 'capture-failed':
      return 'cancelled';
    case 'connection-lost':
      return 'connection-lost';
    case 'signed-out':
      return 'agent-signed-out';
    case 'access-revoked':
      return 'agent-access-ended';
    case 'server-shutdown':
      return 'server-shutdown';
    case 'ended':
      return by === 'agent' ? 'agent-ended' : by === 'customer' ? 'stopped' : 'server-ended';
  }
}

export interface EndTexts {
  heading: TextRef;
  message: TextRef;
  hint: TextRef;
}

/** The words on the "ended" screen. `agent` is the agent's display name. */
export function endTexts(outcome: EndOutcome, agent: string): EndTexts {
  const ended = text('ended.endedHeading');
  const notShared = text('ended.notSharedHeading');
  const newKey = text('ended.newKeyHint');
  switch (outcome) {
    case 'stopped':
      return { heading: ended, message: text('ended.stopped'), hint: newKey };
    case 'agent-ended':
      return { heading: ended, message: text('ended.agentEnded', { agent }), hint: newKey };
    case 'declined':
      return { heading: notShared, message: text('ended.declined'), hint: text('ended.declinedHint') };
    case 'cancelled':
      return { heading: notShared, message: text('ended.cancelled'), hint: newKey };
    case 'connection-lost':
      return { heading: ended, message: text('ended.connectionLost'), hint: text('ended.connectionLostHint') };
    case 'agent-signed-out':
      return { heading: ended, message: text('ended.agentSignedOut', { agent }), hint: newKey };
    case 'agent-access-ended':
      return { heading: ended, message: text('ended.agentAccessEnded', { agent }), hint: newKey };
    case 'server-shutdown':
      return { heading: ended, message: text('ended.serverShutdown'), hint: text('ended.serverShutdownHint') };
    case 'server-ended':
      return { heading: ended, message: text('ended.serverEnded'), hint: newKey };
    case 'unsupported':
      return {
        heading: text('ended.unsupportedHeading'),
        message: text('ended.unsupported', { agent }),
        hint: text('ended.unsupportedHint', { agent }),
      };
  }
}
