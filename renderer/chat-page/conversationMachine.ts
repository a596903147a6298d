import type { TransitionTable } from '../shared/connection/transitionTable';

/**
 * Where the customer's side of a chat stands with the server (the socket itself is the
 * ResumableConnection's business; waiting/assigned is the server's, carried in the view):
 * - none: no conversation yet (or the stored one is gone);
 * - starting: chat.start sent, the conversation not yet there;
 * - resuming: chat.resume sent with the stored token (a reload, a new socket);
 * - open: the conversation is there (waiting for an agent or assigned);
 * - closed: it ended; "Start a new chat" begins again.
 */
export type ConversationPhase = 'none' | 'starting' | 'resuming' | 'open' | 'closed';

export type ConversationEvent =
  /** The first message is sent: chat.start. */
  | 'start'
  /** A socket is up and a token is stored: chat.resume. */
  | 'resume'
  /** chat.conversation: the server sent the conversation (started or resumed). */
  | 'conversation'
  /** chat.start was refused (everyone busy, too many chats from here). */
  | 'refused'
  /** chat.resume was refused: the token is no longer known. */
  | 'unknown'
  /** chat.state closed. */
  | 'closed'
  /** The socket dropped before the server answered. */
  | 'dropped'
  /** "Start a new chat". */
  | 'start-over';

export const CHAT_CONVERSATION: TransitionTable<ConversationPhase, ConversationEvent> = {
  none: { start: 'starting', resume: 'resuming' },
  starting: { conversation: 'open', refused: 'none', dropped: 'none' },
  resuming: { conversation: 'open', unknown: 'none', dropped: 'none' },
  open: { resume: 'resuming', closed: 'closed' },
  closed: { 'start-over': 'none' },
};
