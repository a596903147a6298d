import type { ChatLimits } from './chatLimits';
import type { ChatStore } from './chatStore';
import type { PendingShareEvents } from './pendingShareEvents';
import type { AbandonedChats } from './abandonedChats';

/** What the chat handlers use besides the session machinery (part of HandlerContext as `chat`). */
export interface ChatServices {
  store: ChatStore;
  limits: ChatLimits;
  /** Waiting conversations the whole server accepts (CHAT_MAX_WAITING). */
  maxWaiting: number;
  /**
   * Which conversation a customer socket of this node speaks for. Local on purpose: a socket
   * lives on one node, and a reconnecting customer proves itself again with its token.
   */
  customerSockets: Map<string, string>;
  /** System messages about a share that are still being posted (see pendingShareEvents.ts). */
  shareEvents: PendingShareEvents;
  /** Waiting chats whose customer left: they leave the inbox after the grace period. */
  abandoned: AbandonedChats;
}
