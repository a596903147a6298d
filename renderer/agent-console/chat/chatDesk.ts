import type { SignalingConnection } from '../../shared/signalingConnection';
import type { AgentMessage, ConversationSummary, ServerMessageOf } from '../../../signaling/protocol';
import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';
import { ConversationPanel, type ConversationActions } from './conversationPanel';
import { NewChatSound } from './newChatSound';

type AgentConnection = SignalingConnection<AgentMessage>;

export interface ChatDeskHost {
  /**
   * Puts a screen-share panel (the console's own SessionPanel) into `slot` and calls `request`
   * with the ref the request must carry, so the server's `session.key` reply lands in that panel
   * (again on "Try again").
   */
  hostSession(conversationId: string, customerName: string, slot: HTMLElement, request: (ref: string) => void): void;
  /** How many customers wait now; `arrived` names the ones new since the last inbox. */
  waitingChanged(count: number, arrived: readonly string[]): void;
}

/**
 * The agent's chats: the inbox of waiting conversations (shared by all agents) and, side by side,
 * the conversations this agent took. Talks to the server over the console's one connection.
 */
export class ChatDesk implements ConversationActions {
  readonly element: HTMLElement;
  private connection: AgentConnection | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly inboxList: HTMLUListElement;
  private readonly inboxEmpty: HTMLElement;
  private readonly inboxNote: HTMLElement;
  private readonly panels = new Map<string, ConversationPanel>();
  private readonly grid: HTMLElement;
  private readonly inbox: HTMLElement;
  private readonly announcer: HTMLElement;
  private readonly sound = new NewChatSound();
  /** The conversations of the last inbox: a new id is a chat that just arrived. */
  private waitingIds: Set<string> | null = null;
  private counter = 0;
  /** Share panels restored after a reload, waiting for their conversation to be replayed. */
  private readonly restoredShares = new Map<string, { element: HTMLElement; elsewhere: () => void }>();

  constructor(
    private readonly texts: DomTexts,
    private readonly host: ChatDeskHost,
  ) {
    const stylesheet = document.createElement('link');
    stylesheet.rel = 'stylesheet';
    stylesheet.href = 'agent-chat.css';
    document.head.append(stylesheet);

    const heading = h('h2', { class: 'chat-heading' });
    texts.set(heading, text('chat.heading'));
    this.inboxList = h('ul', { class: 'chat-inbox-list' });
    this.inboxEmpty = h('p', { class: 'chat-inbox-empty' });
    texts.set(this.inboxEmpty, text('chat.inboxEmpty'));
    this.inboxNote = h('p', { class: 'chat-inbox-note', role: 'alert' });
    show(this.inboxNote, false);
    this.grid = h('div', { class: 'chat-grid' });
    this.announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const soundToggle = h('input', { type: 'checkbox' });
    soundToggle.checked = this.sound.enabled;
    soundToggle.addEventListener('change', () => {
      this.sound.enabled = soundToggle.checked;
    });
    const soundWord = h('span');
    texts.set(soundWord, text('chat.sound'));
    const soundLabel = h('label', { class: 'chat-sound' }, soundToggle, soundWord);
    this.inbox = h(
      'div',
      { class: 'chat-inbox', tabindex: '-1' },
      h('div', { class: 'chat-inbox-head' }, heading, soundLabel),
      this.inboxNote,
      this.inboxEmpty,
      this.inboxList,
      this.announcer,
    );
    this.element = h('section', { class: 'chat-desk' }, this.inbox, this.grid);
    texts.set(this.element, text('chat.heading'), 'label');
  }

  attach(connection: AgentConnection): void {
    this.detach();
    this.connection = connection;
    this.unsubscribe.push(
      connection.on('chat.inbox', (message) => this.showInbox(message.waiting)),
      connection.on('chat.conversation', (message) => this.openConversation(message)),
      connection.on('chat.message', (message) => this.panels.get(message.conversationId)?.addEntry(message.entry)),
      connection.on('chat.typing', (message) => {
        if (message.from === 'customer') this.panels.get(message.conversationId)?.showTyping(message.typing);
      }),
      connection.on('chat.state', (message) => this.panels.get(message.conversationId)?.setState(message.state)),
      connection.on('error', (message) => {
        if (message.ref?.startsWith('take-') && message.code === 'not-allowed') {
          this.texts.set(this.inboxNote, text('chat.taken'));
          show(this.inboxNote, true);
        }
      }),
    );
    connection.send({ type: 'chat.inbox.watch' });
  }

  detach(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.connection = null;
  }

  // ---- ConversationActions ----

  send(panel: ConversationPanel, value: string): void {
    this.connection?.send({
      type: 'chat.send',
      conversationId: panel.conversationId,
      text: value,
      clientId: `a${(++this.counter).toString(36)}${Date.now().toString(36)}`,
    });
  }

  typing(panel: ConversationPanel, typing: boolean): void {
    this.connection?.send({ type: 'chat.typing', conversationId: panel.conversationId, typing });
  }

  requestShare(panel: ConversationPanel, slot: HTMLElement): void {
    if (!this.connection) return panel.shareSettled();
    this.host.hostSession(panel.conversationId, panel.displayName(), slot, (ref) =>
      this.connection?.send({ type: 'chat.share.request', conversationId: panel.conversationId, ref }),
    );
  }

  /**
   * A share panel restored after a reload goes back into its conversation once the server replays
   * it; `elsewhere` places it when the conversation does not come back (ended meanwhile).
   */
  adoptRestoredShare(conversationId: string, element: HTMLElement, elsewhere: () => void): void {
    const panel = this.panels.get(conversationId);
    if (panel) panel.adoptShare(element);
    else this.restoredShares.set(conversationId, { element, elsewhere });
  }

  /** "Try again" on a restored chat share: the same request as the conversation's button. */
  requestShareAgain(conversationId: string, ref: string): void {
    this.connection?.send({ type: 'chat.share.request', conversationId, ref });
  }

  close(panel: ConversationPanel): void {
    this.connection?.send({ type: 'chat.close', conversationId: panel.conversationId });
  }

  remove(panel: ConversationPanel): void {
    panel.element.remove();
    this.panels.delete(panel.conversationId);
  }

  // ---- server messages ----

  private showInbox(waiting: readonly ConversationSummary[]): void {
    // The server replays this agent's conversations before the first inbox: what is still
    // waiting for its conversation now will not get one.
    for (const { elsewhere } of this.restoredShares.values()) elsewhere();
    this.restoredShares.clear();
    show(this.inboxEmpty, waiting.length === 0);
    this.inboxList.replaceChildren(...waiting.map((summary) => this.inboxItem(summary)));
    const known = this.waitingIds;
    const arrived = known === null ? [] : waiting.filter((summary) => !known.has(summary.conversationId));
    this.waitingIds = new Set(waiting.map((summary) => summary.conversationId));
    const names = arrived.map((summary) => summary.customerName ?? this.texts.translate(text('chat.anonymous')));
    if (names.length > 0) {
      this.texts.set(this.announcer, text('chat.arrived', { names: names.join(', '), count: names.length }));
      this.sound.play();
    }
    this.host.waitingChanged(waiting.length, names);
  }

  /** Brings the inbox into view and the keyboard to its first "Take". */
  showInboxNow(): void {
    this.inbox.scrollIntoView({ block: 'nearest' });
    (this.inboxList.querySelector('button') ?? this.inbox).focus();
  }

  private inboxItem(summary: ConversationSummary): HTMLElement {
    const name = summary.customerName ?? this.texts.translate(text('chat.anonymous'));
    const take = button('button button-primary button-small', () => {
      take.disabled = true;
      show(this.inboxNote, false);
      this.connection?.send({ type: 'chat.take', conversationId: summary.conversationId, ref: `take-${++this.counter}` });
    });
    this.texts.set(take, text('chat.take'));
    this.texts.set(take, text('chat.takeLabel', { name }), 'label');
    const since = h('span', { class: 'chat-inbox-since' });
    const time = new Date(summary.startedAt).toLocaleTimeString(this.texts.locale, { hour: '2-digit', minute: '2-digit' });
    this.texts.set(since, text('chat.waitingSince', { time }));
    return h(
      'li',
      { class: 'chat-inbox-item' },
      h(
        'div',
        { class: 'chat-inbox-text' },
        h('strong', { class: 'chat-inbox-name' }, name),
        since,
        h('span', { class: 'chat-inbox-preview' }, summary.preview),
      ),
      take,
    );
  }

  private openConversation(message: ServerMessageOf<'chat.conversation'>): void {
    let panel = this.panels.get(message.conversationId);
    const isNew = !panel;
    if (!panel) {
      panel = new ConversationPanel(message.conversationId, message.customerName, this.texts, this);
      this.panels.set(message.conversationId, panel);
      this.grid.append(panel.element);
    }
    panel.setState(message.state);
    panel.showEntries(message.entries);
    const restored = this.restoredShares.get(message.conversationId);
    if (restored) {
      this.restoredShares.delete(message.conversationId);
      panel.adoptShare(restored.element);
    }
    if (isNew) panel.focus();
  }
}
