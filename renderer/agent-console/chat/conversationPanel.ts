import { MAX_CHAT_TEXT_CHARS, type ChatEntry, type ConversationState } from '../../../signaling/protocol';
import { appendPieces, splitLinks } from '../../shared/safeText';
import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';
import { systemEntryText } from './systemEntryText';

export interface ConversationActions {
  send(panel: ConversationPanel, text: string): void;
  typing(panel: ConversationPanel, typing: boolean): void;
  requestShare(panel: ConversationPanel, slot: HTMLElement): void;
  close(panel: ConversationPanel): void;
  remove(panel: ConversationPanel): void;
}

const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;
const TYPING_SHOWN_MS = 4_000;

const SCREEN_ICON =
  'M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v9h16V6H4z';

/** One conversation the agent took: transcript, typing line, reply box, and the screen-share slot. */
export class ConversationPanel {
  readonly element: HTMLElement;
  private readonly transcript: HTMLOListElement;
  private readonly typingLine: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly shareButton: HTMLButtonElement;
  private readonly closeButton: HTMLButtonElement;
  private readonly removeButton: HTMLButtonElement;
  private readonly composer: HTMLFormElement;
  readonly shareSlot: HTMLElement;
  private readonly seen = new Set<number>();
  private lastTypingSent = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private typingShown: ReturnType<typeof setTimeout> | undefined;
  private state: ConversationState = 'assigned';
  /** Who ended the chat, from its "chat-closed" entry: the read-only status names them. */
  private closedBy: 'agent' | 'customer' | null = null;

  constructor(
    readonly conversationId: string,
    private readonly customerName: string | null,
    private readonly texts: DomTexts,
    private readonly actions: ConversationActions,
  ) {
    const name = this.displayName();
    const title = h('h2', { class: 'chat-panel-title' }, name);
    this.statusLine = h('p', { class: 'chat-panel-status', role: 'status' });
    this.shareButton = button('button button-secondary chat-share-button', () => {
      this.shareButton.disabled = true;
      this.actions.requestShare(this, this.shareSlot);
    });
    this.shareButton.append(screenIcon());
    const shareWord = h('span', { class: 'chat-share-word', 'aria-hidden': 'true' });
    texts.set(shareWord, text('chat.requestShare'));
    this.shareButton.append(shareWord);
    texts.set(this.shareButton, text('chat.requestShare'), 'label');
    texts.set(this.shareButton, text('chat.requestShare'), 'title');
    this.closeButton = button('button button-quiet', () => this.actions.close(this));
    texts.set(this.closeButton, text('chat.close'));
    this.removeButton = button('button button-quiet', () => this.actions.remove(this));
    texts.set(this.removeButton, text('chat.remove'));
    show(this.removeButton, false);

    this.shareSlot = h('div', { class: 'chat-share-slot' });
    this.transcript = h('ol', { class: 'chat-transcript', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0' });
    texts.set(this.transcript, text('chat.conversationLabel', { name }), 'label');
    this.typingLine = h('p', { class: 'chat-typing', 'aria-live': 'polite' });

    this.input = h('textarea', { class: 'chat-input', rows: '2', maxlength: String(MAX_CHAT_TEXT_CHARS) });
    texts.set(this.input, text('chat.messageLabel', { name }), 'label');
    const sendButton = h('button', { class: 'button button-primary', type: 'submit' });
    texts.set(sendButton, text('chat.send'));
    this.composer = h('form', { class: 'chat-composer' }, this.input, sendButton);
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.typed());

    this.element = h(
      'section',
      { class: 'chat-panel', role: 'region' },
      h(
        'header',
        { class: 'chat-panel-head' },
        h('div', { class: 'chat-panel-names' }, title, this.statusLine),
        h('div', { class: 'chat-panel-tools' }, this.shareButton, this.closeButton, this.removeButton),
      ),
      this.shareSlot,
      this.transcript,
      this.typingLine,
      this.composer,
    );
    texts.set(this.element, text('chat.conversationLabel', { name }), 'label');
    this.element.dataset.conversationId = conversationId;
  }

  displayName(): string {
    return this.customerName ?? this.texts.translate(text('chat.anonymous'));
  }

  setState(state: ConversationState): void {
    this.state = state;
    const closed = state === 'closed';
    show(this.composer, !closed);
    show(this.closeButton, !closed);
    show(this.removeButton, closed);
    this.shareButton.disabled = closed || this.shareSlot.querySelector('.session:not([data-stage="ended"])') !== null;
    this.element.classList.toggle('is-closed', closed);
    this.renderStatus();
  }

  private renderStatus(): void {
    if (this.state !== 'closed') return this.texts.clear(this.statusLine);
    if (this.closedBy === 'agent') this.texts.set(this.statusLine, text('chat.closedByYou'));
    else if (this.closedBy === 'customer') this.texts.set(this.statusLine, text('chat.closedByCustomer', { name: this.displayName() }));
    else this.texts.set(this.statusLine, text('chat.closed'));
  }

  /** A share panel of this conversation restored after a reload: it belongs in the slot. */
  adoptShare(element: HTMLElement): void {
    this.shareSlot.append(element);
    this.shareButton.disabled = true;
  }

  /** The share panel in the slot ended (or was closed): the agent may ask again. */
  shareSettled(): void {
    if (this.state !== 'closed') this.shareButton.disabled = false;
  }

  showEntries(entries: readonly ChatEntry[]): void {
    for (const entry of entries) this.addEntry(entry);
  }

  addEntry(entry: ChatEntry): void {
    if (this.seen.has(entry.seq)) return;
    this.seen.add(entry.seq);
    const item = this.entryElement(entry);
    item.dataset.seq = String(entry.seq);
    // Keep server order even if entries arrive out of order (a replay after reconnect).
    const later = [...this.transcript.children].find((child) => Number((child as HTMLElement).dataset.seq) > entry.seq);
    this.transcript.insertBefore(item, later ?? null);
    this.transcript.scrollTop = this.transcript.scrollHeight;
    if (entry.from === 'customer') this.showTyping(false);
    if (entry.event === 'share-ended' || entry.event === 'share-declined' || entry.event === 'share-expired') {
      this.shareSettled();
    }
    if (entry.event === 'chat-closed') {
      this.closedBy = entry.by === 'agent' || entry.by === 'customer' ? entry.by : null;
      // The entry is the proof the chat ended, even before (or without) its state update.
      this.setState('closed');
    }
  }

  showTyping(typing: boolean): void {
    clearTimeout(this.typingShown);
    if (typing) {
      this.texts.set(this.typingLine, text('chat.typing', { name: this.displayName() }));
      this.typingShown = setTimeout(() => this.texts.clear(this.typingLine), TYPING_SHOWN_MS);
    } else {
      this.texts.clear(this.typingLine);
    }
  }

  focus(): void {
    this.input.focus();
  }

  private entryElement(entry: ChatEntry): HTMLElement {
    if (entry.from === 'system') {
      const item = h('li', { class: 'chat-entry chat-entry-system' });
      this.texts.set(item, systemEntryText(entry, this.displayName()));
      return item;
    }
    const mine = entry.from === 'agent';
    const author = h('span', { class: 'chat-entry-author' });
    if (mine) this.texts.set(author, text('chat.you'));
    else author.textContent = this.displayName();
    const body = h('span', { class: 'chat-entry-text' });
    appendPieces(body, splitLinks(entry.text ?? ''));
    return h('li', { class: `chat-entry ${mine ? 'chat-entry-agent' : 'chat-entry-customer'}` }, author, body);
  }

  private submit(): void {
    const value = this.input.value;
    if (value.trim().length === 0 || value.length > MAX_CHAT_TEXT_CHARS) return;
    this.actions.send(this, value);
    this.actions.typing(this, false);
    this.lastTypingSent = 0;
    this.input.value = '';
  }

  private typed(): void {
    const now = Date.now();
    if (now - this.lastTypingSent > TYPING_REPEAT_MS) {
      this.lastTypingSent = now;
      this.actions.typing(this, true);
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => {
      this.lastTypingSent = 0;
      this.actions.typing(this, false);
    }, TYPING_IDLE_MS);
  }
}

function screenIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', SCREEN_ICON);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}
