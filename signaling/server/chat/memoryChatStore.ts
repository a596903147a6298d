import { MAX_CHAT_HISTORY, type ChatEntry } from '../../protocol';
import {
  CONVERSATION_IDLE_MS,
  type AssignAgent,
  type ChatStore,
  type ConversationRecord,
  type NewEntry,
} from './chatStore';

interface Stored {
  record: ConversationRecord;
  entries: ChatEntry[];
  nextSeq: number;
}

/** The embedded default: maps in this process. Single-threaded JS makes assign and appendEntry atomic. */
export class MemoryChatStore implements ChatStore {
  private readonly conversations = new Map<string, Stored>();
  private readonly byTokenHash = new Map<string, string>();
  private readonly shares = new Map<string, string>();
  private readonly watchers = new Set<string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async createConversation(record: ConversationRecord): Promise<void> {
    this.conversations.set(record.id, { record: { ...record }, entries: [], nextSeq: 1 });
    if (record.tokenHash) this.byTokenHash.set(record.tokenHash, record.id);
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    const stored = this.conversations.get(id);
    return stored && { ...stored.record };
  }

  async findByTokenHash(tokenHash: string): Promise<ConversationRecord | undefined> {
    const id = this.byTokenHash.get(tokenHash);
    return id === undefined ? undefined : this.getConversation(id);
  }

  async updateConversation(
    id: string,
    change: Partial<Omit<ConversationRecord, 'id'>>,
  ): Promise<ConversationRecord | undefined> {
    const stored = this.conversations.get(id);
    if (!stored) return undefined;
    if ('tokenHash' in change && stored.record.tokenHash && change.tokenHash !== stored.record.tokenHash) {
      this.byTokenHash.delete(stored.record.tokenHash);
    }
    Object.assign(stored.record, change);
    if (stored.record.tokenHash) this.byTokenHash.set(stored.record.tokenHash, id);
    return { ...stored.record };
  }

  async assign(id: string, agent: AssignAgent): Promise<ConversationRecord | undefined> {
    const stored = this.conversations.get(id);
    if (!stored || stored.record.state !== 'waiting') return undefined;
    Object.assign(stored.record, {
      state: 'assigned',
      agentUsername: agent.username,
      agentDisplayName: agent.displayName,
      agentConnectionId: agent.connectionId,
    } satisfies Partial<ConversationRecord>);
    return { ...stored.record };
  }

  async appendEntry(id: string, entry: NewEntry): Promise<ChatEntry | undefined> {
    const stored = this.conversations.get(id);
    if (!stored) return undefined;
    const full: ChatEntry = { ...entry, seq: stored.nextSeq++, at: this.now() };
    stored.entries.push(full);
    if (stored.entries.length > MAX_CHAT_HISTORY) stored.entries.splice(0, stored.entries.length - MAX_CHAT_HISTORY);
    stored.record.lastActivityAt = full.at;
    return { ...full };
  }

  async entries(id: string): Promise<ChatEntry[]> {
    return (this.conversations.get(id)?.entries ?? []).map((entry) => ({ ...entry }));
  }

  async listWaiting(limit: number): Promise<ConversationRecord[]> {
    return [...this.conversations.values()]
      .filter((stored) => stored.record.state === 'waiting')
      .map((stored) => ({ ...stored.record }))
      .sort((a, b) => a.createdAt - b.createdAt)
      .slice(0, limit);
  }

  async countWaiting(): Promise<number> {
    let count = 0;
    for (const stored of this.conversations.values()) if (stored.record.state === 'waiting') count += 1;
    return count;
  }

  async listAssignedTo(username: string): Promise<ConversationRecord[]> {
    return [...this.conversations.values()]
      .filter((stored) => stored.record.state === 'assigned' && stored.record.agentUsername === username)
      .map((stored) => ({ ...stored.record }));
  }

  async linkShare(sessionId: string, conversationId: string): Promise<void> {
    this.shares.set(sessionId, conversationId);
  }

  async conversationOfShare(sessionId: string): Promise<string | undefined> {
    return this.shares.get(sessionId);
  }

  async unlinkShare(sessionId: string): Promise<string | undefined> {
    const id = this.shares.get(sessionId);
    this.shares.delete(sessionId);
    return id;
  }

  async addInboxWatcher(connectionId: string): Promise<void> {
    this.watchers.add(connectionId);
  }

  async removeInboxWatcher(connectionId: string): Promise<void> {
    this.watchers.delete(connectionId);
  }

  async inboxWatchers(): Promise<string[]> {
    return [...this.watchers];
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const cutoff = this.now() - CONVERSATION_IDLE_MS;
    for (const [id, stored] of this.conversations) {
      if (stored.record.lastActivityAt > cutoff) continue;
      this.conversations.delete(id);
      if (stored.record.tokenHash) this.byTokenHash.delete(stored.record.tokenHash);
    }
  }
}
