import type { ChatEntry, ConversationState } from '../../protocol';

/**
 * Conversation state behind one interface, like SessionStore: in memory now (memoryChatStore.ts),
 * shaped so a Redis store can replace it without touching the handlers. All methods are async.
 */
export interface ConversationRecord {
  id: string;
  state: ConversationState;
  /** sha256 of the customer's conversation token; null once the server revoked it. */
  tokenHash: string | null;
  customerName: string | null;
  /** The socket that currently speaks for the customer (the newest start/resume wins). */
  customerConnectionId: string | null;
  agentUsername: string | null;
  agentDisplayName: string | null;
  /** The assigned agent's console socket; rebound when that agent's console reconnects. */
  agentConnectionId: string | null;
  /** The screen-share session requested in this conversation, while it lives. */
  shareSessionId: string | null;
  createdAt: number;
  lastActivityAt: number;
  /** Newest customer text, shortened, for the inbox. */
  preview: string;
}

export type NewEntry = Omit<ChatEntry, 'seq' | 'at'>;

export interface AssignAgent {
  username: string;
  displayName: string;
  connectionId: string;
}

export interface ChatStore {
  createConversation(record: ConversationRecord): Promise<void>;
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  findByTokenHash(tokenHash: string): Promise<ConversationRecord | undefined>;
  updateConversation(
    id: string,
    change: Partial<Omit<ConversationRecord, 'id'>>,
  ): Promise<ConversationRecord | undefined>;
  /** Atomically gives a waiting conversation to one agent: exactly one caller gets the record. */
  assign(id: string, agent: AssignAgent): Promise<ConversationRecord | undefined>;
  /** Appends an entry with the conversation's next sequence number; undefined when it is gone. */
  appendEntry(id: string, entry: NewEntry): Promise<ChatEntry | undefined>;
  /** The newest entries, oldest first. */
  entries(id: string): Promise<ChatEntry[]>;
  listWaiting(limit: number): Promise<ConversationRecord[]>;
  countWaiting(): Promise<number>;
  listAssignedTo(username: string): Promise<ConversationRecord[]>;
  /** Links a screen-share session to its conversation (for the system messages about it). */
  linkShare(sessionId: string, conversationId: string): Promise<void>;
  conversationOfShare(sessionId: string): Promise<string | undefined>;
  /** Removes the link and returns the conversation; only the first caller gets it. */
  unlinkShare(sessionId: string): Promise<string | undefined>;
  addInboxWatcher(connectionId: string): Promise<void>;
  removeInboxWatcher(connectionId: string): Promise<void>;
  inboxWatchers(): Promise<string[]>;
  close(): Promise<void>;
}

/** Conversations nobody wrote in for this long are forgotten (and their tokens with them). */
export const CONVERSATION_IDLE_MS = 24 * 60 * 60 * 1000;
