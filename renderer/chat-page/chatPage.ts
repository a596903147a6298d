import { MAX_CHAT_TEXT_CHARS, type ChatEntry } from '../../signaling/protocol';
import type { ChatSession, ChatView } from './chatSession';
import type { ShareStartEvents } from './shareHost';
import { appLink, watchAppOpen } from './deepLink';
import { EndChatControls, type EndChatParts } from './endChat';
import { chatText, type ChatTextRef, type ChatTranslator } from './i18n/chatTexts';
import type { ChatPageConfig } from './pageConfig';
import { appendPieces, splitLinks } from '../shared/safeText';

export interface ChatPageParts {
  title: HTMLElement;
  status: HTMLElement;
  transcript: HTMLElement;
  typing: HTMLElement;
  problem: HTMLElement;
  composer: HTMLFormElement;
  message: HTMLTextAreaElement;
  send: HTMLButtonElement;
  nameRow: HTMLElement;
  nameLabel: HTMLElement;
  name: HTMLInputElement;
}

export interface ShareActions {
  readonly busy: boolean;
  start(key: string, events: ShareStartEvents): void;
}

const PROBLEM_TEXT = {
  'too-fast': 'composer.tooFast',
  busy: 'composer.busy',
  failed: 'composer.failed',
} as const satisfies Record<NonNullable<ChatView['problem']>, string>;
type ShareStartProblem = 'cannot-share' | 'failed';
/** A transcript scrolled to within this distance of its end counts as read to the end. */
const AT_END_PX = 80;
const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;
const ENDS_REQUEST = new Set(['share-started', 'share-declined', 'share-expired', 'share-ended']);

/**
 * The chat's screen: transcript, typing line, composer. Renders ChatSession's view; every piece
 * of chat text reaches the DOM through text nodes (links only for http/https).
 */
export class ChatPage {
  private readonly rendered = new Map<string, HTMLElement>();
  private lastTypingSent = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private readonly appMissing = new Set<string>();
  /** Requests whose "Share screen" did not reach the consent step, and why. */
  private readonly startProblems = new Map<string, ShareStartProblem>();
  private readonly ending: EndChatControls;

  constructor(
    private readonly parts: ChatPageParts,
    private readonly session: ChatSession,
    private readonly translator: ChatTranslator,
    private readonly config: ChatPageConfig,
    private readonly share: ShareActions,
    endParts: EndChatParts,
  ) {
    this.ending = new EndChatControls(endParts, session, translator, () => parts.message.focus());
    parts.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    parts.message.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    parts.message.addEventListener('input', () => this.typed());
    keepEndInView(parts.transcript);
    session.subscribe(() => this.render());
    translator.onChange(() => this.retranslate());
    this.retranslate();
  }

  /** Re-renders everything in the current language (entries included). */
  retranslate(): void {
    const t = (ref: ChatTextRef) => this.translator.translate(ref);
    this.parts.title.textContent = this.config.organisation
      ? t(chatText('page.title', { organisation: this.config.organisation }))
      : t(chatText('page.titleFallback'));
    document.title = this.parts.title.textContent;
    this.parts.message.placeholder = t(chatText('composer.placeholder'));
    this.parts.send.textContent = t(chatText('composer.send'));
    this.ending.retranslate();
    this.parts.nameLabel.textContent = t(chatText('composer.nameLabel'));
    this.parts.transcript.setAttribute('aria-label', t(chatText('transcript.label')));
    document.documentElement.lang = this.translator.locale;
    this.rendered.clear();
    this.parts.transcript.replaceChildren();
    this.render();
  }

  private t(ref: ChatTextRef): string {
    return this.translator.translate(ref);
  }

  private submit(): void {
    const value = this.parts.message.value;
    if (value.trim().length === 0) return;
    if (value.length > MAX_CHAT_TEXT_CHARS) {
      this.showProblem(chatText('composer.tooLong', { count: value.length, max: MAX_CHAT_TEXT_CHARS }));
      return;
    }
    this.session.setName(this.parts.name.value);
    this.session.send(value);
    this.session.typing(false);
    this.lastTypingSent = 0;
    this.parts.message.value = '';
    this.parts.message.focus();
  }

  private typed(): void {
    const now = Date.now();
    if (now - this.lastTypingSent > TYPING_REPEAT_MS) {
      this.lastTypingSent = now;
      this.session.typing(true);
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => {
      this.lastTypingSent = 0;
      this.session.typing(false);
    }, TYPING_IDLE_MS);
  }

  private showProblem(ref: ChatTextRef | null): void {
    this.parts.problem.hidden = ref === null;
    this.parts.problem.textContent = ref ? this.t(ref) : '';
  }

  private render(): void {
    const view = this.session.view;
    // The hosted share steps set their own title while they show; the chat's comes back after.
    if (!this.share.busy) document.title = this.parts.title.textContent ?? document.title;
    this.parts.status.textContent = this.t(statusText(view));
    const typingName = view.agentName ?? this.t(chatText('someone'));
    this.parts.typing.textContent = view.agentTyping ? this.t(chatText('transcript.typing', { name: typingName })) : '';
    this.showProblem(
      view.problem === null ? null : chatText(PROBLEM_TEXT[view.problem]),
    );
    const closed = view.conversationState === 'closed';
    this.parts.composer.hidden = closed;
    this.ending.render(view);
    this.parts.nameRow.hidden = view.conversationState !== null || view.pending.length > 0;
    this.renderEntries(view);
  }

  private renderEntries(view: ChatView): void {
    const list = this.parts.transcript;
    const wanted: string[] = [];
    for (const entry of view.entries) {
      const id = `s${entry.seq}`;
      wanted.push(id);
      if (!this.rendered.has(id)) this.rendered.set(id, this.entryElement(entry));
      const element = this.rendered.get(id);
      if (element && entry.event === 'share-requested') this.updateRequest(element, entry, view.entries);
    }
    for (const pending of view.pending) {
      const id = `p${pending.clientId}`;
      wanted.push(id);
      if (!this.rendered.has(id)) {
        const element = this.bubble('customer', this.t(chatText('transcript.you')), pending.text);
        element.classList.add('entry-pending');
        this.rendered.set(id, element);
      }
    }
    for (const [id, element] of this.rendered) {
      if (!wanted.includes(id)) {
        element.remove();
        this.rendered.delete(id);
      }
    }
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < AT_END_PX;
    const ordered = wanted.flatMap((id) => this.rendered.get(id) ?? []);
    ordered.forEach((element, index) => {
      if (list.children[index] !== element) list.insertBefore(element, list.children[index] ?? null);
    });
    if (atBottom || ordered.length <= 1) list.scrollTop = list.scrollHeight;
  }

  private entryElement(entry: ChatEntry): HTMLElement {
    if (entry.from === 'customer') return this.bubble('customer', this.t(chatText('transcript.you')), entry.text ?? '');
    if (entry.from === 'agent') return this.bubble('agent', entry.name ?? this.t(chatText('someone')), entry.text ?? '');
    if (entry.event === 'share-requested') return this.requestElement(entry);
    const item = document.createElement('li');
    item.className = 'entry entry-system';
    item.textContent = this.t(systemText(entry, this.session.view.agentName));
    return item;
  }

  private bubble(side: 'customer' | 'agent', author: string, body: string): HTMLElement {
    const item = document.createElement('li');
    item.className = `entry entry-${side}`;
    const name = document.createElement('span');
    name.className = 'entry-author';
    name.textContent = author;
    const textPart = document.createElement('span');
    textPart.className = 'entry-text';
    appendPieces(textPart, splitLinks(body));
    item.append(name, textPart);
    return item;
  }

  private requestElement(entry: ChatEntry): HTMLElement {
    const item = document.createElement('li');
    item.className = 'entry entry-system entry-request';
    const name = entry.name ?? this.t(chatText('someone'));
    const heading = document.createElement('p');
    heading.className = 'request-text';
    heading.textContent = this.t(chatText('system.shareRequested', { name }));
    item.append(heading);
    const share = entry.share;
    const sessionId = entry.sessionId;
    if (!share || !sessionId) return item;
    const hint = document.createElement('p');
    hint.className = 'request-hint';
    hint.textContent = this.t(chatText('system.shareRequestedHint'));

    const accept = document.createElement('button');
    accept.type = 'button';
    accept.className = 'chat-button chat-button-primary';
    accept.textContent = this.t(chatText('share.accept'));
    const problem = (kind: ShareStartProblem) => () => {
      this.startProblems.set(sessionId, kind);
      this.updateRequest(item, entry, this.session.view.entries);
      item.querySelector<HTMLElement>('.share-problem')?.focus();
    };
    accept.addEventListener('click', () => {
      this.startProblems.delete(sessionId);
      this.updateRequest(item, entry, this.session.view.entries);
      this.share.start(share.key, { cannotShare: problem('cannot-share'), failed: problem('failed') });
    });

    const openApp = document.createElement('a');
    openApp.className = 'chat-button';
    openApp.textContent = this.t(chatText('share.openApp'));
    openApp.href = appLink(this.config.deepLinkScheme, share.key, location.origin);
    openApp.addEventListener('click', () =>
      watchAppOpen(() => {
        this.appMissing.add(sessionId);
        this.updateRequest(item, entry, this.session.view.entries);
      }),
    );

    const decline = document.createElement('button');
    decline.type = 'button';
    decline.className = 'chat-button';
    decline.textContent = this.t(chatText('share.decline'));
    decline.addEventListener('click', () => this.session.decline(sessionId));

    const actions = document.createElement('div');
    actions.className = 'request-actions';
    actions.append(accept, openApp, decline);
    const missing = document.createElement('p');
    missing.className = 'app-missing';
    missing.hidden = true;
    const startProblem = document.createElement('p');
    startProblem.className = 'share-problem';
    startProblem.tabIndex = -1;
    startProblem.hidden = true;
    item.append(hint, actions, startProblem, missing);
    return item;
  }

  /** A request's buttons work until the share started, was declined, expired or ended. */
  private updateRequest(item: HTMLElement, entry: ChatEntry, entries: readonly ChatEntry[]): void {
    const open = !entries.some((other) => other.sessionId === entry.sessionId && ENDS_REQUEST.has(other.event ?? ''));
    const actions = item.querySelector<HTMLElement>('.request-actions');
    const hint = item.querySelector<HTMLElement>('.request-hint');
    if (actions) actions.hidden = !open;
    if (hint) hint.hidden = !open;
    const problem = entry.sessionId === undefined ? undefined : this.startProblems.get(entry.sessionId);
    // A browser that cannot share has no use for "Share screen"; after a failure it may try again.
    const accept = item.querySelector<HTMLElement>('.chat-button-primary');
    if (accept) accept.hidden = problem === 'cannot-share';
    const problemText = item.querySelector<HTMLElement>('.share-problem');
    if (problemText) {
      problemText.hidden = !open || problem === undefined;
      const name = entry.name ?? this.t(chatText('someone'));
      problemText.textContent = problem === undefined ? '' : this.t(chatText(problem === 'cannot-share' ? 'share.cannotShare' : 'share.failed', { name }));
    }
    const missing = item.querySelector<HTMLElement>('.app-missing');
    if (!missing || !entry.sessionId) return;
    const show = open && this.appMissing.has(entry.sessionId);
    missing.hidden = !show;
    if (!show) return;
    if (this.config.downloadUrl) {
      const link = document.createElement('a');
      link.href = this.config.downloadUrl;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = this.t(chatText('share.download'));
      missing.replaceChildren(document.createTextNode(`${this.t(chatText('share.appMissing'))} `), link);
    } else {
      missing.textContent = this.t(chatText('share.appMissingNoDownload'));
    }
  }
}

/**
 * A transcript read at its end stays at its end when it gets smaller (the share area opens above
 * it, the window turns narrow), so the newest message stays in view.
 */
function keepEndInView(list: HTMLElement): void {
  let height = list.clientHeight;
  new ResizeObserver(() => {
    const wasAtEnd = list.scrollHeight - list.scrollTop - height < AT_END_PX;
    height = list.clientHeight;
    if (wasAtEnd) list.scrollTop = list.scrollHeight;
  }).observe(list);
}

function statusText(view: ChatView): ChatTextRef {
  if (view.connection === 'connecting') return chatText('status.connecting');
  if (view.connection === 'reconnecting') return chatText('status.reconnecting');
  if (view.connection === 'unreachable') return chatText('status.unreachable');
  switch (view.conversationState) {
    case null:
      return chatText('status.welcome');
    case 'waiting':
      return chatText('status.waiting');
    case 'assigned':
      return view.agentName ? chatText('status.chattingWith', { name: view.agentName }) : chatText('status.waiting');
    case 'closed':
      return chatText('status.closed');
  }
}

export function systemText(entry: ChatEntry, agentName: string | null): ChatTextRef {
  const name = entry.name ?? agentName ?? '';
  switch (entry.event) {
    case 'agent-joined':
      return chatText('system.agentJoined', { name });
    case 'share-requested':
      return chatText('system.shareRequested', { name });
    case 'share-started':
      return chatText('system.shareStarted');
    case 'share-declined':
      return chatText('system.shareDeclined');
    case 'share-expired':
      return chatText('system.shareExpired');
    case 'share-ended':
      if (entry.by === 'customer') return chatText('system.shareEndedByCustomer');
      if (entry.by === 'agent') return chatText('system.shareEndedByAgent', { name: agentName ?? '' });
      return chatText('system.shareEndedOther');
    case 'chat-closed':
      if (entry.by === 'customer') return chatText('system.chatEndedByYou');
      return chatText('system.chatClosed', { name: agentName ?? '' });
    case 'consent-recorded':
      return chatText('system.consentRecorded', { name, receipt: entry.receipt ?? '' });
    case undefined:
      return chatText('system.shareEndedOther');
  }
}
