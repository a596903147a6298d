import { MAX_CUSTOMER_NAME_CHARS, UNSAFE_NAME_CHARS, type ChatEntry, type ConversationState, type CustomerMessage, type ServerMessageOf } from '../../signaling/protocol';
import type { ResumableLink } from '../shared/connection/resumableConnection';
import { realClock, type Clock } from '../shared/clock';
import { ResumableConnection } from '../shared/connection/resumableConnection';
import { StateMachine } from '../shared/connection/transitionTable';
import { CHAT_CONVERSATION, type ConversationEvent, type ConversationPhase } from './conversationMachine';

/** The part of SignalingConnection the chat uses (a fake in unit tests). */
export interface ChatLink extends ResumableLink {
  send(message: CustomerMessage): void;
  on<T extends 'chat.conversation' | 'chat.message' | 'chat.typing' | 'chat.state' | 'error'>(
    type: T,
    handler: (message: ServerMessageOf<T>) => void,
  ): () => void;
}

export interface TokenStore {
  load(): string | null;
  save(token: string): void;
  clear(): void;
}

export interface ChatView {
  connection: 'connecting' | 'open' | 'reconnecting' | 'unreachable';
  /** null until the customer sends the first message (or a token resumed a conversation). */
  conversationState: ConversationState | null;
  agentName: string | null;
  /** Server entries in sequence order. */
  entries: ChatEntry[];
  /** Sent by us, not yet confirmed by the server. */
  pending: { clientId: string; text: string }[];
  agentTyping: boolean;
  problem: 'too-fast' | 'busy' | 'failed' | null;
}

/** After this many failed attempts in a row the page says the chat cannot be reached (it keeps trying). */
const UNREACHABLE_AFTER_ATTEMPTS = 5;
const TYPING_IDLE_MS = 4_000;

/**
 * The customer's side of one conversation: connects, resumes with the stored token, starts a
 * conversation on the first message, keeps entries in the server's order, and reconnects.
 */
export class ChatSession {
  /** The socket, and the loop that brings it back (see shared/connection); a chat waits forever. */
  private readonly connection: ResumableConnection<ChatLink>;
  private current: ChatView = {
    connection: 'connecting',
    conversationState: null,
    agentName: null,
    entries: [],
    pending: [],
    agentTyping: false,
    problem: null,
  };
  private readonly listeners = new Set<(view: ChatView) => void>();
  /** Where the conversation stands with the server, moved only along CHAT_CONVERSATION. */
  private readonly conversation = new StateMachine<ConversationPhase, ConversationEvent>(CHAT_CONVERSATION, 'none');
  private counter = 0;
  private typingTimer: unknown = null;
  private stopped = false;
  private name = '';

  constructor(
    connect: () => Promise<ChatLink>,
    private readonly tokens: TokenStore,
    private readonly clock: Clock = realClock,
  ) {
    this.connection = new ResumableConnection<ChatLink>({
      connect,
      clock,
      events: {
        attached: (link) => this.listen(link),
        reconnected: (link) => {
          this.connection.recovered();
          this.ready(link);
        },
        dropped: () => {
          this.conversation.send('dropped');
          if (!this.stopped) this.connection.lost();
        },
        waiting: (attempt) => this.update({ connection: attempt > UNREACHABLE_AFTER_ATTEMPTS ? 'unreachable' : 'reconnecting' }),
        attemptFailed: (error) => console.warn('chat connection failed', error),
        gaveUp: () => undefined,
      },
    });
  }

  private get link(): ChatLink | null {
    return this.connection.link;
  }

  get view(): ChatView {
    return this.current;
  }

  get conversationPhase(): ConversationPhase {
    return this.conversation.state;
  }

  subscribe(listener: (view: ChatView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async open(): Promise<void> {
    let link: ChatLink;
    try {
      link = await this.connection.open();
    } catch (error) {
      if (this.stopped) return;
      console.warn('chat connection failed', error);
      return this.connection.lost();
    }
    this.ready(link);
  }

  /** Connected (again): take the conversation back, or start the one the customer began typing. */
  private ready(link: ChatLink): void {
    this.update({ connection: 'open' });
    const token = this.tokens.load();
    if (token && this.conversation.send('resume')) link.send({ type: 'chat.resume', token, ref: 'resume' });
    else if (this.current.pending.length > 0) this.startConversation();
  }

  /** The name the agent sees; only sent with the first message. */
  setName(name: string): void {
    this.name = name.replace(UNSAFE_NAME_CHARS, '').trim().slice(0, MAX_CUSTOMER_NAME_CHARS);
  }

  send(text: string): void {
    const clientId = `m${Date.now().toString(36)}${(++this.counter).toString(36)}`;
    this.update({ pending: [...this.current.pending, { clientId, text }], problem: null });
    if (this.current.conversationState === null) this.startConversation();
    else this.link?.send({ type: 'chat.send', text, clientId });
  }

  typing(typing: boolean): void {
    if (this.current.conversationState === 'assigned') this.link?.send({ type: 'chat.typing', typing });
  }

  decline(sessionId: string): void {
    this.link?.send({ type: 'chat.share.decline', sessionId });
  }

  /** "End chat": the server closes the conversation and answers with chat.state closed. */
  end(): void {
    if (this.current.conversationState === 'waiting' || this.current.conversationState === 'assigned') {
      this.link?.send({ type: 'chat.end' });
    }
  }

  /** After a closed chat: forget it and begin again. */
  startOver(): void {
    this.tokens.clear();
    this.conversation.send('start-over');
    this.update({ conversationState: null, agentName: null, entries: [], pending: [], agentTyping: false, problem: null });
  }

  close(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.typingTimer);
    this.connection.close();
  }

  private startConversation(): void {
    if (!this.link?.isOpen || !this.conversation.send('start')) return;
    this.link.send({ type: 'chat.start', ref: 'start', ...(this.name ? { name: this.name } : {}) });
  }

  private listen(link: ChatLink): void {
    link.on('chat.conversation', (message) => {
      this.conversation.send('conversation');
      if (message.state === 'closed') this.conversation.send('closed');
      if (message.token) this.tokens.save(message.token);
      this.update({
        conversationState: message.state,
        agentName: message.agentName,
        entries: mergeEntries([], message.entries),
      });
      // Messages typed before the conversation existed (or before a reconnect) go out now.
      const unsent = this.current.pending.filter((p) => !message.entries.some((e) => e.clientId === p.clientId));
      this.update({ pending: unsent });
      for (const item of unsent) link.send({ type: 'chat.send', text: item.text, clientId: item.clientId });
    });
    link.on('chat.message', (message) => {
      const { entry } = message;
      this.update({
        entries: mergeEntries(this.current.entries, [entry]),
        pending: this.current.pending.filter((p) => p.clientId !== entry.clientId || entry.from !== 'customer'),
        ...(entry.from === 'agent' ? { agentTyping: false } : {}),
      });
    });
    link.on('chat.typing', (message) => {
      if (message.from !== 'agent') return;
      this.clock.clearTimeout(this.typingTimer);
      this.update({ agentTyping: message.typing });
      if (message.typing) this.typingTimer = this.clock.setTimeout(() => this.update({ agentTyping: false }), TYPING_IDLE_MS);
    });
    link.on('chat.state', (message) => {
      this.update({ conversationState: message.state, agentName: message.agentName ?? this.current.agentName });
      if (message.state === 'closed') {
        this.conversation.send('closed');
        this.tokens.clear();
      }
    });
    link.on('error', (message) => {
      if (message.ref === 'resume' && message.code === 'unknown-session') {
        // The token is no longer valid (ended or revoked): a new chat starts with the next message.
        this.tokens.clear();
        this.conversation.send('unknown');
        this.update({ conversationState: null, entries: [] });
        if (this.current.pending.length > 0) this.startConversation();
        return;
      }
      if (message.ref === 'start') {
        this.conversation.send('refused');
        // No conversation could be started (too many from here, or everyone is busy).
        if (message.code === 'rate-limited') return this.update({ problem: 'busy', pending: [] });
      }
      if (message.code === 'rate-limited') return this.update({ problem: 'too-fast', pending: [] });
      if (message.code === 'bad-message' || message.code === 'not-allowed') this.update({ problem: 'failed', pending: [] });
    });
  }

  private update(change: Partial<ChatView>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener(this.current);
  }
}

/** Entries by sequence number: duplicates (a resume after a live message) collapse, order is the server's. */
export function mergeEntries(known: readonly ChatEntry[], incoming: readonly ChatEntry[]): ChatEntry[] {
  const bySeq = new Map<number, ChatEntry>();
  for (const entry of [...known, ...incoming]) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
