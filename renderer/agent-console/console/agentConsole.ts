import { realClock } from '../../shared/clock';
import { ResumableConnection } from '../../shared/connection/resumableConnection';
import { ScreenPeer } from '../../shared/screenPeer';
import { ConversationRef, type AgentMessage, type IceServer, type RevocationReason, type ServerMessageOf } from '../../../signaling/protocol';
import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';
import { errorText } from '../sessions/errorText';
import { SessionDirectory, lowestFreeNumber } from '../sessions/sessionDirectory';
import { SessionPanel, type SessionPanelActions } from '../sessions/sessionPanel';
import type { AgentResumeEntry } from '../sessions/agentResumeMemory';
import { ChatDesk } from '../chat/chatDesk';
import { ConnectionBanner } from './connectionBanner';
import { setWaitingChats } from './pageTitle';
import { SessionResumer } from './sessionResumer';
import { openAgentSocket, SignedOut, type AgentConnection } from './agentSocket';

export interface AgentConsoleOptions {
  /** The cookie session is gone (e.g. expired): the page should ask the agent to sign in again. */
  onSignInExpired(): void;
  /** The server ended this sign-in (signed out elsewhere, expired, password changed, account removed or disabled). */
  onAccessRevoked(reason: RevocationReason): void;
}

/**
 * The signed-in console: one WebSocket to the server and a panel per screen share. Routes each
 * server message to its panel and turns panel actions into protocol messages.
 */
export class AgentConsole implements SessionPanelActions {
  readonly element: HTMLElement;
  /** The socket to the server, and the loop that brings it back while sessions wait (see shared/connection). */
  private readonly server: ResumableConnection<AgentConnection>;
  /** Sessions restored after a reload: the first connection takes them back. */
  private resumeOnConnect: boolean;
  private readonly panels: SessionPanel[] = [];
  private readonly directory = new SessionDirectory<SessionPanel>();
  /** Each session's newest ICE servers (its TURN credentials), from session.ice. */
  private readonly sessionIce = new Map<string, IceServer[]>();
  private readonly startButton: HTMLButtonElement;
  /** "2 customers are waiting in Chats": visible whatever is open, it leads to the inbox. */
  private readonly waitingButton: HTMLButtonElement;
  private readonly connectionNote: HTMLElement;
  private readonly generalError: HTMLElement;
  private readonly banner: ConnectionBanner;
  private readonly grid: HTMLElement;
  /** Ended voice shares, collapsed into a short list below the running ones. */
  private readonly endedList: HTMLElement;
  private readonly endedSection: HTMLElement;
  /** A contact-center conversation id from the console's address (?conversation=…): the label of new shares. */
  private readonly conversationLabel = new URLSearchParams(location.search).get('conversation') ?? undefined;
  /** The same id, sent with new shares when it is one the server keeps (ConversationRef). */
  private readonly conversationRef = ConversationRef.safeParse(this.conversationLabel).data;
  private readonly emptyNote: HTMLElement;
  /** Takes sessions back after a reload or a dropped connection (see sessionResumer.ts). */
  private readonly resumer: SessionResumer;
  /** Web chats (second flow): inbox and conversations, see chat/chatDesk.ts. */
  private readonly chat: ChatDesk;
  /** Panels inside a chat: "Try again" repeats the chat's request, not session.create. */
  private readonly chatRequests = new WeakMap<SessionPanel, (ref: string) => void>();
  /** The conversation each chat share panel belongs to (remembered for a reload). */
  private readonly chatConversations = new WeakMap<SessionPanel, string>();
  private readonly heading: HTMLElement;
  /** Just signed in: "Start screen share" takes the focus as soon as it can be used. */
  private focusStartWhenReady = false;

  constructor(
    private readonly texts: DomTexts,
    private readonly options: AgentConsoleOptions,
  ) {
    const heading = h('h1', { class: 'console-title', tabindex: '-1' });
    texts.set(heading, text('console.heading'));
    this.heading = heading;
    this.startButton = button('button button-primary button-start', () => this.startSession());
    this.waitingButton = button('button button-attention waiting-chats', () => this.chat.showInboxNow());
    this.waitingButton.setAttribute('aria-live', 'polite');
    show(this.waitingButton, false);
    texts.set(this.startButton, text('console.start'));
    this.startButton.disabled = true;
    this.connectionNote = h('p', { class: 'connection-note', role: 'status' });

    const errorMessage = h('span', { class: 'general-error-text' });
    const dismiss = button('button button-quiet button-small', () => show(this.generalError, false));
    texts.set(dismiss, text('console.dismiss'));
    this.generalError = h('div', { class: 'general-error', role: 'alert' }, errorMessage, dismiss);
    show(this.generalError, false);

    this.banner = new ConnectionBanner(texts, () => void this.connect());
    this.emptyNote = h('p', { class: 'empty-note' });
    texts.set(this.emptyNote, text('console.empty'));
    this.grid = h('div', { class: 'session-grid' });
    const endedHeading = h('h2', { class: 'ended-heading' });
    texts.set(endedHeading, text('console.ended'));
    this.endedList = h('div', { class: 'ended-list' });
    this.endedSection = h('section', { class: 'ended-sessions' }, endedHeading, this.endedList);
    texts.set(this.endedSection, text('console.ended'), 'label');
    show(this.endedSection, false);
    this.chat = new ChatDesk(texts, {
      hostSession: (conversationId, customerName, slot, request) => this.hostSession(conversationId, customerName, slot, request),
      waitingChanged: (count) => this.showWaitingChats(count),
    });

    this.element = h(
      'div',
      { class: 'console' },
      h('div', { class: 'toolbar' }, heading, this.connectionNote, this.waitingButton, this.startButton),
      this.banner.element,
      this.generalError,
      this.emptyNote,
      this.grid,
      this.endedSection,
      this.chat.element,
    );
    this.resumer = new SessionResumer({
      panels: this.panels,
      directory: this.directory,
      banner: this.banner,
      addRestoredPanel: (entry) => this.addRestoredPanel(entry),
      conversationOf: (panel) => this.chatConversations.get(panel),
    });
    this.server = new ResumableConnection<AgentConnection>({
      connect: () => openAgentSocket(this.texts.locale),
      clock: realClock,
      graceMs: () => this.resumer.graceMs(),
      events: {
        attached: (connection) => this.listen(connection),
        reconnected: (connection) => {
          this.server.recovered();
          this.connected(connection);
        },
        dropped: () => this.loseServer(),
        waiting: () => this.resumer.showReconnecting(),
        attemptFailed: (error) => this.connectFailed(error),
        gaveUp: () => this.resumer.giveUp(),
      },
    });
    this.resumeOnConnect = this.resumer.restore();
  }

  /** The socket while it is up, null while (re)connecting. */
  private get connection(): AgentConnection | null {
    return this.server.isOpen ? this.server.link : null;
  }

  get hasActiveSessions(): boolean {
    return this.panels.some((panel) => panel.isActive);
  }

  async connect(): Promise<void> {
    this.startButton.disabled = true;
    if (this.banner.visible) this.banner.showReconnecting();
    else this.texts.set(this.connectionNote, text('console.connecting'));
    if (this.resumeOnConnect || this.server.phase === 'waiting') {
      this.resumeOnConnect = false;
      return this.server.reconnectNow();
    }
    let connection: AgentConnection;
    try {
      connection = await this.server.open();
    } catch (error) {
      this.connectFailed(error);
      if (!(error instanceof SignedOut)) this.banner.showLost(text('console.connectFailed'), null);
      return;
    }
    this.connected(connection);
  }

  private connected(connection: AgentConnection): void {
    this.chat.attach(connection);
    this.banner.hide();
    show(this.generalError, false);
    this.texts.clear(this.connectionNote);
    this.startButton.disabled = false;
    this.placeFirstFocus();
    this.resumer.connected(connection);
  }

  private connectFailed(error: unknown): void {
    this.texts.clear(this.connectionNote);
    if (!(error instanceof SignedOut)) return console.warn('agent connection failed', error);
    this.server.close();
    this.options.onSignInExpired();
  }

  /**
   * After sign-in, focus goes to the console's heading (so a screen reader says where the agent is)
   * and then to "Start screen share" once the connection allows it, unless the agent moved on.
   */
  takeFocus(): void {
    this.heading.focus();
    this.focusStartWhenReady = true;
    if (!this.startButton.disabled) this.placeFirstFocus();
  }

  private placeFirstFocus(): void {
    if (!this.focusStartWhenReady) return;
    this.focusStartWhenReady = false;
    const focused = document.activeElement;
    if (focused === this.heading || focused === document.body || focused === null) this.startButton.focus();
  }

  /** Leaves without a trace: ends our sessions, closes the socket and stops every peer. */
  shutDown(): void {
    this.resumer.stop();
    const connection = this.server.detach();
    // Signing out is not a dropped connection: end the shares now instead of letting the
    // customers wait out the resume grace period.
    for (const panel of this.panels) {
      if (panel.isActive && panel.sessionId !== null && connection?.isOpen) {
        connection.send({ type: 'session.end', sessionId: panel.sessionId });
      }
    }
    connection?.close();
    for (const panel of this.panels) panel.dispose();
  }

  /** A screen-share panel inside a chat conversation; `request` sends the chat's request with the panel's ref. */
  hostSession(conversationId: string, customerName: string, slot: HTMLElement, request: (ref: string) => void): void {
    const panel = new SessionPanel(lowestFreeNumber(this.panels.map((p) => p.number)), this.texts, this, {
      flow: 'chat',
      label: customerName,
      startedAt: Date.now(),
    });
    this.chatConversations.set(panel, conversationId);
    slot.append(panel.element);
    this.panels.push(panel);
    this.updateEmptyNote();
    this.chatRequests.set(panel, request);
    request(this.directory.refFor(panel, 'chat-share'));
  }

  startSession(): void {
    const panel = new SessionPanel(lowestFreeNumber(this.panels.map((p) => p.number)), this.texts, this, {
      flow: 'voice',
      ...(this.conversationLabel ? { label: this.conversationLabel } : {}),
      startedAt: Date.now(),
    });
    // Keep the panels in number order, so "Screen share 2" never sits before "Screen share 1".
    const after = this.panels.filter((p) => p.number < panel.number).at(-1);
    if (after) after.element.after(panel.element);
    else this.grid.prepend(panel.element);
    this.panels.push(panel);
    this.updateEmptyNote();
    this.requestKey(panel);
    panel.element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  // ---- SessionPanelActions ----

  renewKey(panel: SessionPanel): void {
    if (panel.sessionId === null) return;
    this.send(panel, { type: 'session.renewKey', sessionId: panel.sessionId, ref: this.directory.refFor(panel, 'renew') });
  }

  end(panel: SessionPanel): void {
    if (panel.sessionId === null) return;
    this.send(panel, { type: 'session.end', sessionId: panel.sessionId, ref: this.directory.refFor(panel, 'end') });
  }

  retryCreate(panel: SessionPanel): void {
    panel.restartCreate();
    const chatRequest = this.chatRequests.get(panel);
    if (chatRequest) chatRequest(this.directory.refFor(panel, 'chat-share'));
    else this.requestKey(panel);
  }

  close(panel: SessionPanel): void {
    this.resumer.forget(panel);
    panel.dispose();
    panel.element.remove();
    this.directory.forget(panel);
    this.panels.splice(this.panels.indexOf(panel), 1);
    this.updateEmptyNote();
    this.startButton.focus();
  }

  relabel(panel: SessionPanel): void {
    this.resumer.relabel(panel);
  }

  ended(panel: SessionPanel): void {
    // A voice share that ended leaves the grid for the short list; a chat's stays in its chat.
    if (panel.element.parentElement !== this.grid) return;
    const focused = panel.element.contains(document.activeElement);
    this.endedList.prepend(panel.element);
    this.updateEmptyNote();
    if (focused) panel.focusClose();
  }

  createPeer(panel: SessionPanel, events: Parameters<SessionPanelActions['createPeer']>[1]): ScreenPeer {
    const connection = this.connection;
    const sessionId = panel.sessionId;
    if (!connection || sessionId === null) throw new Error('a peer needs a live session');
    return new ScreenPeer({
      role: 'receiver',
      iceServers: this.sessionIce.get(sessionId) ?? connection.welcome.iceServers,
      iceTransportPolicy: connection.welcome.iceTransportPolicy,
      onSignal: (data) => connection.send({ type: 'signal', sessionId, data }),
      ...events,
    });
  }

  // ---- server messages ----

  private listen(connection: AgentConnection): void {
    this.resumer.listen(connection);
    connection.on('session.key', (message) => {
      const panel = this.directory.find(message);
      if (!panel) return console.warn('a key for a session this console does not show', message.sessionId);
      this.directory.bind(message.sessionId, panel);
      panel.receiveKey(message.sessionId, message.key, message.expiresAt);
    });
    connection.on('session.update', (message) => this.directory.find(message)?.receivePhase(message.phase, message.surface));
    connection.on('session.customerCannotShare', (message) => this.directory.find(message)?.receiveCustomerCannotShare());
    connection.on('signal', (message) => {
      if (message.from === 'customer') this.directory.find(message)?.receiveSignal(message.data);
    });
    connection.on('session.ice', (message) => {
      this.sessionIce.set(message.sessionId, message.iceServers);
      this.directory.find(message)?.useIceServers(message.iceServers);
    });
    connection.on('session.ended', (message) => {
      this.sessionIce.delete(message.sessionId);
      this.directory.find(message)?.receiveEnded(message.by, message.reason);
    });
    connection.on('error', (message) => this.showServerError(message));
    connection.on('access.revoked', (message) => {
      if (this.server.isCurrent(connection)) this.options.onAccessRevoked(message.reason);
    });
  }

  private showServerError(message: ServerMessageOf<'error'>): void {
    console.warn('server error', message.code, message.message);
    const panel = this.directory.find({ ref: message.ref });
    if (!panel) {
      const target = this.generalError.querySelector('.general-error-text');
      if (target) this.texts.set(target, errorText(message));
      show(this.generalError, true);
      return;
    }
    panel.showError(errorText(message));
    if (message.code === 'unknown-session' && panel.sessionId !== null) panel.receiveEnded('server', 'ended');
    this.resumer.refused(panel, message);
  }

  private loseServer(): void {
    this.chat.detach();
    this.startButton.disabled = true;
    // Sessions with a resume token wait while we reconnect; the rest end.
    if (this.resumer.lost()) return this.server.lost();
    this.banner.showLost(text('console.lost'), this.panels.length > 0 ? text('console.lostHint') : null);
  }

  private addRestoredPanel(entry: AgentResumeEntry): SessionPanel {
    const { number, sessionId, conversationId } = entry;
    const panel = new SessionPanel(number, this.texts, this, {
      flow: conversationId ? 'chat' : 'voice',
      ...(entry.label ? { label: entry.label } : {}),
      ...(entry.startedAt ? { startedAt: entry.startedAt } : {}),
    });
    this.directory.bind(sessionId, panel);
    if (conversationId) {
      this.chatConversations.set(panel, conversationId);
      this.chatRequests.set(panel, (ref) => this.chat.requestShareAgain(conversationId, ref));
      this.chat.adoptRestoredShare(conversationId, panel.element, () => this.grid.append(panel.element));
    } else {
      this.grid.append(panel.element);
    }
    this.panels.push(panel);
    this.updateEmptyNote();
    return panel;
  }

  private requestKey(panel: SessionPanel): void {
    this.send(panel, {
      type: 'session.create',
      ref: this.directory.refFor(panel, 'create'),
      ...(this.conversationRef ? { conversation: this.conversationRef } : {}),
    });
  }

  private send(panel: SessionPanel, message: AgentMessage): void {
    if (this.connection?.isOpen) this.connection.send(message);
    else panel.showError(text('console.lost'));
  }

  private showWaitingChats(count: number): void {
    setWaitingChats(count);
    show(this.waitingButton, count > 0);
    if (count > 0) this.texts.set(this.waitingButton, text('chat.waitingCount', { count }));
  }

  private updateEmptyNote(): void {
    show(this.emptyNote, this.grid.childElementCount === 0 && this.panels.every((panel) => !panel.isActive));
    show(this.endedSection, this.endedList.childElementCount > 0);
  }
}
