import { strict as assert } from 'node:assert';
import type { CustomerMessage, ServerMessageOf } from '../../../../signaling/protocol';
import { ChatSession, type ChatLink, type TokenStore } from '../../../../renderer/chat-page/chatSession';
import { CHAT_CONVERSATION, type ConversationEvent } from '../../../../renderer/chat-page/conversationMachine';
import { FakeClock } from '../shared/fakeClock';
import { describeTransition, walks } from '../shared/machineWalk';

type Incoming = 'chat.conversation' | 'chat.message' | 'chat.typing' | 'chat.state' | 'error';

/** A link the test drives: records what the page sends, delivers what the "server" says. */
class FakeLink implements ChatLink {
  readonly sent: CustomerMessage[] = [];
  isOpen = true;
  private readonly handlers = new Map<string, Array<(message: never) => void>>();
  private closeHandlers: Array<(closed: { code: number; reason: string; byUs: boolean }) => void> = [];

  send(message: CustomerMessage): void {
    this.sent.push(message);
  }
  on<T extends Incoming>(type: T, handler: (message: ServerMessageOf<T>) => void): () => void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    return () => undefined;
  }
  onClose(handler: (closed: { code: number; reason: string; byUs: boolean }) => void): () => void {
    this.closeHandlers.push(handler);
    return () => undefined;
  }
  close(): void {
    this.isOpen = false;
  }
  /** The socket goes away without the page asking. */
  dropped(): void {
    this.isOpen = false;
    for (const handler of this.closeHandlers) handler({ code: 1006, reason: '', byUs: false });
  }
  deliver<T extends Incoming>(type: T, message: Omit<ServerMessageOf<T>, 'type'>): void {
    for (const handler of this.handlers.get(type) ?? []) (handler as (m: ServerMessageOf<T>) => void)({ type, ...message } as ServerMessageOf<T>);
  }
}

class MemoryTokens implements TokenStore {
  constructor(public token: string | null = null) {}
  load() {
    return this.token;
  }
  save(token: string) {
    this.token = token;
  }
  clear() {
    this.token = null;
  }
}

const TOKEN = 'T'.repeat(43);
const conversation = (extra: Partial<ServerMessageOf<'chat.conversation'>> = {}) => ({
  conversationId: 'c_aaaaaaaaaaaaaaaaaaaa',
  state: 'waiting' as const,
  customerName: null,
  agentName: null,
  entries: [],
  ...extra,
});

describe('customer chat session', () => {
  it('starts a conversation with the first message, keeps the token, then sends the message', async () => {
    const link = new FakeLink();
    const tokens = new MemoryTokens();
    const session = new ChatSession(async () => link, tokens);
    await session.open();
    assert.deepEqual(link.sent, [], 'nothing is started before the customer writes');
    session.setName('  Carla ');
    session.send('Hello');
    assert.deepEqual(link.sent, [{ type: 'chat.start', ref: 'start', name: 'Carla' }]);
    assert.equal(session.view.pending.length, 1, 'shown at once, marked as sending');
    link.deliver('chat.conversation', conversation({ token: TOKEN }));
    assert.equal(tokens.token, TOKEN);
    assert.deepEqual(link.sent[1], { type: 'chat.send', text: 'Hello', clientId: session.view.pending[0]?.clientId });
    link.deliver('chat.message', {
      conversationId: 'c_aaaaaaaaaaaaaaaaaaaa',
      entry: { seq: 1, at: 1, from: 'customer', text: 'Hello', clientId: session.view.pending[0]?.clientId ?? '' },
    });
    assert.deepEqual(session.view.pending, []);
    assert.deepEqual(session.view.entries.map((e) => e.text), ['Hello']);
  });

  it('resumes with a stored token and starts afresh when the server no longer knows it', async () => {
    const link = new FakeLink();
    const tokens = new MemoryTokens(TOKEN);
    const session = new ChatSession(async () => link, tokens);
    await session.open();
    assert.deepEqual(link.sent, [{ type: 'chat.resume', token: TOKEN, ref: 'resume' }]);
    link.deliver('error', { code: 'unknown-session', message: 'gone', ref: 'resume' });
    assert.equal(tokens.token, null, 'a revoked token is forgotten');
    assert.equal(session.view.conversationState, null);
    session.send('New question');
    assert.equal(link.sent.at(-1)?.type, 'chat.start');
  });

  it('shows entries in sequence order whatever order they arrive in, and the agent typing', async () => {
    const link = new FakeLink();
    const session = new ChatSession(async () => link, new MemoryTokens(TOKEN));
    await session.open();
    link.deliver('chat.conversation', conversation({ state: 'assigned', agentName: 'Alice' }));
    for (const seq of [3, 1, 2]) {
      link.deliver('chat.message', { conversationId: 'c_aaaaaaaaaaaaaaaaaaaa', entry: { seq, at: seq, from: 'agent', text: `m${seq}` } });
    }
    assert.deepEqual(session.view.entries.map((e) => e.text), ['m1', 'm2', 'm3']);
    link.deliver('chat.typing', { conversationId: 'c_aaaaaaaaaaaaaaaaaaaa', from: 'agent', typing: true });
    assert.equal(session.view.agentTyping, true);
    link.deliver('chat.message', { conversationId: 'c_aaaaaaaaaaaaaaaaaaaa', entry: { seq: 4, at: 4, from: 'agent', text: 'done' } });
    assert.equal(session.view.agentTyping, false, 'a message ends "is typing"');
    session.close();
  });

  it('says everyone is busy when no conversation can be started', async () => {
    const link = new FakeLink();
    const session = new ChatSession(async () => link, new MemoryTokens());
    await session.open();
    session.send('Hello?');
    link.deliver('error', { code: 'rate-limited', message: 'busy', ref: 'start', retryAfterMs: 60_000 });
    assert.equal(session.view.problem, 'busy');
    session.send('Hello again');
    assert.equal(link.sent.filter((m) => m.type === 'chat.start').length, 2, 'the next message tries again');
  });

  it('says so when the customer sends too fast', async () => {
    const link = new FakeLink();
    const session = new ChatSession(async () => link, new MemoryTokens(TOKEN));
    await session.open();
    link.deliver('chat.conversation', conversation({ state: 'assigned' }));
    session.send('one');
    link.deliver('error', { code: 'rate-limited', message: 'slow down', retryAfterMs: 1000 });
    assert.equal(session.view.problem, 'too-fast');
  });
  it('"End chat" asks the server once a conversation is open; the ended chat forgets its token', async () => {
    const link = new FakeLink();
    const tokens = new MemoryTokens();
    const session = new ChatSession(async () => link, tokens);
    await session.open();
    session.end();
    assert.deepEqual(link.sent, [], 'nothing to end before the first message');
    session.send('Hello');
    link.deliver('chat.conversation', conversation({ token: TOKEN }));
    session.end();
    assert.deepEqual(link.sent.at(-1), { type: 'chat.end' });
    link.deliver('chat.state', { conversationId: 'c_aaaaaaaaaaaaaaaaaaaa', state: 'closed', agentName: null });
    assert.equal(session.view.conversationState, 'closed');
    assert.equal(tokens.token, null, 'a reload starts a new chat');
    const sentBefore = link.sent.length;
    session.end();
    assert.equal(link.sent.length, sentBefore, 'an ended chat is not ended again');
  });
});

/** Reconnect attempts warn on purpose; keep the test output readable. */
function quietWarnings(): void {
  const realWarn = console.warn;
  beforeEach(() => (console.warn = () => undefined));
  afterEach(() => (console.warn = realWarn));
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('customer chat session reconnects (the shared resumable connection)', () => {
  quietWarnings();

  it('after the socket drops, says Reconnecting…, opens a new one and takes the conversation back', async () => {
    const clock = new FakeClock();
    const links: FakeLink[] = [];
    const session = new ChatSession(async () => {
      const link = new FakeLink();
      links.push(link);
      return link;
    }, new MemoryTokens(TOKEN), clock);
    await session.open();
    links[0]?.dropped();
    assert.equal(session.view.connection, 'reconnecting');
    clock.advance(1_000);
    await settle();
    assert.equal(links.length, 2);
    assert.equal(session.view.connection, 'open');
    assert.deepEqual(links[1]?.sent, [{ type: 'chat.resume', token: TOKEN, ref: 'resume' }]);
    session.close();
  });

  it('says the chat cannot be reached after five failed attempts, and keeps trying', async () => {
    const clock = new FakeClock();
    let reachable = false;
    const link = new FakeLink();
    const session = new ChatSession(async () => {
      if (!reachable) throw new Error('unreachable');
      return link;
    }, new MemoryTokens(), clock);
    await session.open();
    const states: string[] = [];
    session.subscribe((view) => states.push(view.connection));
    for (let i = 0; i < 6; i++) {
      clock.advance(5_000);
      await settle();
    }
    assert.equal(session.view.connection, 'unreachable');
    assert.ok(states.includes('reconnecting'));
    reachable = true;
    clock.advance(5_000);
    await settle();
    assert.equal(session.view.connection, 'open');
    session.close();
  });

  it('"is typing" goes away by itself when the agent stops typing', async () => {
    const clock = new FakeClock();
    const link = new FakeLink();
    const session = new ChatSession(async () => link, new MemoryTokens(TOKEN), clock);
    await session.open();
    link.deliver('chat.typing', { conversationId: 'c_aaaaaaaaaaaaaaaaaaaa', from: 'agent', typing: true });
    assert.equal(session.view.agentTyping, true);
    clock.advance(4_000);
    assert.equal(session.view.agentTyping, false);
    session.close();
  });
});

describe('the chat conversation machine (CHAT_CONVERSATION)', () => {
  quietWarnings();

  function harness() {
    const clock = new FakeClock();
    const links: FakeLink[] = [];
    const tokens = new MemoryTokens();
    const session = new ChatSession(async () => {
      const link = new FakeLink();
      links.push(link);
      return link;
    }, tokens, clock);
    const link = () => links.at(-1) ?? new FakeLink();
    /** A new socket after a drop; the session resumes with its token on it. */
    const reconnect = async () => {
      link().dropped();
      clock.advance(1_000);
      await settle();
    };
    const drive: Record<ConversationEvent, () => Promise<void> | void> = {
      start: () => session.send('Hello'),
      resume: async () => {
        tokens.token ??= TOKEN;
        await reconnect();
      },
      conversation: () => link().deliver('chat.conversation', conversation({ token: TOKEN })),
      refused: () => link().deliver('error', { code: 'rate-limited', message: 'busy', ref: 'start' }),
      unknown: () => link().deliver('error', { code: 'unknown-session', message: 'gone', ref: 'resume' }),
      closed: () => link().deliver('chat.state', { conversationId: 'c_aaaaaaaaaaaaaaaaaaaa', state: 'closed', agentName: null }),
      dropped: () => link().dropped(),
      'start-over': () => session.startOver(),
    };
    return { session, drive };
  }

  for (const { transition, path } of walks(CHAT_CONVERSATION, 'none')) {
    it(describeTransition(transition), async () => {
      const { session, drive } = harness();
      await session.open();
      for (const event of path) {
        await drive[event]();
        await settle();
      }
      assert.equal(session.conversationPhase, transition.from);
      await drive[transition.event]();
      assert.equal(session.conversationPhase, transition.to);
      session.close();
    });
  }
});
