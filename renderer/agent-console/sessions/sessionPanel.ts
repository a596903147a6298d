import type { EndReason, EndedBy, IceServer, ServerMessageOf, SessionPhase, SignalData } from '../../../signaling/protocol';
import { formatKey } from '../../../signaling/protocol';
import type { ScreenPeer, ScreenPeerEvents } from '../../shared/screenPeer';
import { button, h, show } from '../dom';
import type { DomTexts } from '../i18n/domTexts';
import { text, type TextRef } from '../i18n/textRef';
import { VideoView } from '../video/videoView';
import { copyToClipboard } from './copyToClipboard';
import { SessionIdentity } from './sessionIdentity';
import { VerificationLine } from './verificationLine';
import { PointerTools } from '../video/pointerTools';
import { formatCountdown, remainingMs } from './countdown';
import { keyIsExpired, sessionStatus, showsKey, type SessionFlow, type SessionOutcome, type SessionStage } from './sessionStatus';

/** What a new panel knows about its session: which flow, who with, since when. */
export interface SessionPanelInit {
  /** Voice: the agent reads a key aloud. Chat: the key travels in the background, nobody reads it. */
  flow: SessionFlow;
  label?: string;
  startedAt?: number;
}

export interface SessionPanelActions {
  renewKey(panel: SessionPanel): void;
  end(panel: SessionPanel): void;
  retryCreate(panel: SessionPanel): void;
  close(panel: SessionPanel): void;
  createPeer(panel: SessionPanel, events: Omit<ScreenPeerEvents, 'onSignal'>): ScreenPeer;
  /** The agent typed a new label for the session. */
  relabel(panel: SessionPanel): void;
  /** The session ended (the panel now only reports how). */
  ended(panel: SessionPanel): void;
}

const COUNTDOWN_TICK_MS = 250;
const COPIED_VISIBLE_MS = 2000;

/** One screen share: its key, status, picture and controls, as a panel of the console. */
export class SessionPanel {
  readonly element: HTMLElement;
  readonly identity: SessionIdentity;
  private readonly flow: SessionFlow;
  sessionId: string | null = null;
  private stage: SessionStage = { stage: 'creating' };
  private key = '';
  private expiresAt = 0;
  private peer: ScreenPeer | null = null;

  /** Renewed TURN credentials for this session's live peer connection. */
  useIceServers(iceServers: IceServer[]): void {
    this.peer?.useIceServers(iceServers);
  }
  private video: VideoView | null = null;
  /** "Sharp text" is the agent's choice for this session: it outlives a picture connection. */
  private sharpText = false;
  private countdownTimer: ReturnType<typeof setInterval> | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly statusLine: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly keyBlock: HTMLElement;
  private readonly keyDigits: HTMLElement;
  private readonly countdown: HTMLElement;
  private readonly copied: HTMLElement;
  private readonly renewButton: HTMLButtonElement;
  private readonly copyButton: HTMLButtonElement;
  private readonly videoSlot: HTMLElement;
  private readonly verification: VerificationLine;
  private readonly pointerTools: PointerTools;
  private readonly body: HTMLElement;
  private readonly errorLine: HTMLElement;
  private readonly endButton: HTMLButtonElement;
  private readonly retryButton: HTMLButtonElement;
  private readonly closeButton: HTMLButtonElement;

  constructor(
    readonly number: number,
    private readonly texts: DomTexts,
    private readonly actions: SessionPanelActions,
    init: SessionPanelInit,
  ) {
    this.flow = init.flow;
    const title = h('h2', { class: 'session-title' });
    texts.set(title, text('session.title', { number }));
    this.identity = new SessionIdentity(texts, {
      ...(init.label !== undefined ? { label: init.label } : {}),
      ...(init.startedAt !== undefined ? { startedAt: init.startedAt } : {}),
      editable: init.flow === 'voice',
      onLabelChange: () => this.actions.relabel(this),
    });

    this.statusText = h('span', { class: 'status-text' });
    this.statusLine = h('p', { class: 'session-status', attrs: { role: 'status' } }, h('span', { class: 'status-dot', attrs: { 'aria-hidden': 'true' } }), this.statusText);

    const keyHint = h('p', { class: 'key-hint' });
    texts.set(keyHint, text('session.keyHint'));
    this.keyDigits = h('div', { class: 'key', attrs: { role: 'group' } });
    texts.set(this.keyDigits, text('session.keyLabel'), 'label');
    this.countdown = h('p', { class: 'countdown' });
    const copyButton = button('button button-secondary', () => void this.copyKey());
    this.copyButton = copyButton;
    texts.set(copyButton, text('session.copy'));
    this.renewButton = button('button button-secondary', () => this.actions.renewKey(this));
    texts.set(this.renewButton, text('session.newKey'));
    this.copied = h('span', { class: 'copied', attrs: { 'aria-live': 'polite' } });
    this.keyBlock = h(
      'div',
      { class: 'key-block' },
      keyHint,
      this.keyDigits,
      h('div', { class: 'key-actions' }, copyButton, this.renewButton, this.copied, this.countdown),
    );
    show(this.keyBlock, false);

    this.videoSlot = h('div', { class: 'video-slot' });
    this.verification = new VerificationLine(texts);
    this.pointerTools = new PointerTools(texts, (mark) => this.peer?.send(mark));
    this.verification.element.append(this.pointerTools.element);
    show(this.videoSlot, false);

    this.errorLine = h('p', { class: 'session-error', attrs: { role: 'alert' } });
    show(this.errorLine, false);

    this.endButton = button('button button-danger', () => {
      this.endButton.disabled = true;
      this.texts.set(this.endButton, text('session.ending'));
      this.actions.end(this);
    });
    this.retryButton = button('button button-primary', () => this.actions.retryCreate(this));
    texts.set(this.retryButton, text('session.retry'));
    this.closeButton = button('button button-secondary', () => this.actions.close(this));
    texts.set(this.closeButton, text('session.close'));

    this.body = h('div', { class: 'session-body' }, this.keyBlock, this.verification.element, this.videoSlot, this.errorLine);
    this.element = h(
      'section',
      { class: 'session' },
      h('header', { class: 'session-head' }, title, this.identity.element, this.statusLine),
      this.body,
      h('footer', { class: 'session-actions' }, this.retryButton, this.closeButton, this.endButton),
    );
    this.element.setAttribute('role', 'region');
    texts.set(this.element, text('session.title', { number }), 'label');
    this.render();
  }

  get isActive(): boolean {
    return this.stage.stage !== 'ended';
  }

  /** Whether a picture connection exists (false after a reload: the customer must start a new one). */
  get hasPeer(): boolean {
    return this.peer !== null;
  }

  /** Whether this panel waits to take its session back (after a reload or a dropped connection). */
  get isResuming(): boolean {
    return this.stage.stage === 'resuming' || (this.stage.stage === 'active' && this.stage.reconnecting === true);
  }

  /** After a reload: this panel stands for a session the console is taking back. */
  startResuming(sessionId: string): void {
    this.sessionId = sessionId;
    this.stage = { stage: 'resuming' };
    this.render();
  }

  /** Our socket to the server dropped (true) or is back (false); the session itself goes on. */
  setReconnecting(reconnecting: boolean): void {
    if (this.stage.stage !== 'active') return;
    this.stage = { ...this.stage, reconnecting };
    this.render();
  }

  /** The server gave the session back to this console. */
  receiveResumed(message: ServerMessageOf<'session.resumed'>): void {
    if (this.stage.stage === 'ended') return;
    const streaming = this.stage.stage === 'active' && this.stage.streaming && this.peer !== null;
    const keyShown = (message.phase === 'waiting' || message.phase === 'key-expired') && message.key && message.keyExpiresAt;
    if (keyShown && message.key && message.keyExpiresAt) {
      this.key = message.key;
      this.expiresAt = message.keyExpiresAt;
      this.keyDigits.textContent = formatKey(message.key);
      this.startCountdown();
    }
    this.stage = {
      stage: 'active',
      phase: message.phase,
      keyExpiredLocally: false,
      streaming,
      reconnecting: false,
      customerAway: message.peer === 'away',
    };
    if (!showsKey(this.stage)) this.stopCountdown();
    this.render();
  }

  /** The customer's socket went away or came back; a customer who reloaded starts a new picture. */
  receivePeer(state: 'away' | 'back', needsNewPeer: boolean): void {
    if (this.stage.stage !== 'active') return;
    if (state === 'back' && needsNewPeer) {
      // The customer reloaded: no picture until they pick the screen again.
      this.closePeer();
      const phase = this.stage.phase === 'sharing' || this.stage.phase === 'paused' ? 'choosing-screen' : this.stage.phase;
      this.stage = { ...this.stage, phase, streaming: false };
    }
    this.stage = { ...this.stage, customerAway: state === 'away' };
    this.render();
  }

  /** A new key for this session (the first one, or a renewal). */
  receiveKey(sessionId: string, key: string, expiresAt: number): void {
    if (this.stage.stage === 'ended') return;
    this.sessionId = sessionId;
    this.key = key;
    this.expiresAt = expiresAt;
    this.stage = { stage: 'active', phase: 'waiting', keyExpiredLocally: false, streaming: false };
    this.clearError();
    this.keyDigits.textContent = formatKey(key);
    this.startCountdown();
    this.render();
  }

  receivePhase(phase: SessionPhase): void {
    if (this.stage.stage !== 'active') return;
    this.stage = { ...this.stage, phase };
    if (!showsKey(this.stage)) this.stopCountdown();
    this.render();
  }

  receiveSignal(data: SignalData): void {
    if (this.stage.stage !== 'active') return;
    // A fresh offer means the customer started a new peer connection (reload, or ours was lost).
    if (this.peer && data.type === 'offer') this.closePeer();
    if (!this.peer) {
      this.peer = this.openPeer();
      this.ensureVideo();
      this.render();
    }
    this.peer.signal(data);
  }

  receiveEnded(by: EndedBy, reason: EndReason): void {
    this.finish({ by, reason });
  }

  /** Our own connection to the server is gone, so is every session on it. */
  loseServer(): void {
    this.finish({ lostServer: true });
  }

  /** The request made for this panel failed; say so here, where the agent is looking. */
  showError(message: TextRef): void {
    this.texts.set(this.errorLine, message);
    show(this.errorLine, true);
    if (this.stage.stage === 'active') {
      // Whatever the agent tried (e.g. End session) can be tried again.
      this.endButton.disabled = false;
      this.texts.set(this.endButton, text('session.end'));
    }
    this.render();
  }

  /** Back to "creating" for another session.create attempt. */
  restartCreate(): void {
    this.stage = { stage: 'creating' };
    this.clearError();
    this.render();
  }

  /** Keyboard focus to "Close" (e.g. after the panel moved to the list of ended shares). */
  focusClose(): void {
    this.closeButton.focus();
  }

  dispose(): void {
    this.stopCountdown();
    clearTimeout(this.copiedTimer);
    this.closePeer();
  }

  private openPeer(): ScreenPeer {
    return this.actions.createPeer(this, {
      onStream: (stream) => {
        if (this.stage.stage !== 'active' || !this.peer) return;
        this.ensureVideo().showStream(stream, this.peer.connection);
        // The picture is what the agent waits for: bring all of it into view.
        this.element.scrollIntoView({ block: 'nearest' });
        this.stage = { ...this.stage, streaming: true };
        // A picture again (e.g. after a resume): an earlier "could not be connected" is over.
        this.clearError();
        this.stopCountdown();
        this.render();
      },
      onError: (error) => {
        if (this.stage.stage !== 'active') return;
        // The technical reason ("User-Initiated Abort, …") is for the log, not for the agent.
        console.warn('screen peer failed', error);
        this.showError(text('video.failed'));
        this.closePeer();
        if (this.stage.stage === 'active') this.stage = { ...this.stage, streaming: false };
        this.render();
      },
      onConnect: () => {
        if (this.sharpText) this.peer?.send({ type: 'picture.quality', sharpText: true });
        const peer = this.peer;
        void peer?.verificationWords().then((words) => {
          if (this.peer === peer) this.verification.showWords(words);
        });
      },
      onClose: () => {
        // The customer may share again (a new offer): the next signal opens a fresh peer.
        this.closePeer();
        if (this.stage.stage === 'active') this.stage = { ...this.stage, streaming: false };
        this.render();
      },
    });
  }

  private ensureVideo(): VideoView {
    if (!this.video) {
      this.video = new VideoView(this.texts, {
        sharpText: this.sharpText,
        onSharpText: (sharpText) => {
          this.sharpText = sharpText;
          this.peer?.send({ type: 'picture.quality', sharpText });
        },
      });
      this.videoSlot.replaceChildren(this.video.element);
      this.pointerTools.attach(this.video.picture);
    }
    return this.video;
  }

  private closePeer(): void {
    const peer = this.peer;
    this.peer = null;
    peer?.destroy();
    this.verification.showWords(null);
    this.video?.stop();
    this.video = null;
    this.videoSlot.replaceChildren();
  }

  private finish(outcome: SessionOutcome): void {
    if (this.stage.stage === 'ended') return;
    this.stage = { stage: 'ended', outcome };
    this.stopCountdown();
    this.closePeer();
    this.render();
    this.actions.ended(this);
  }

  private async copyKey(): Promise<void> {
    const copied = await copyToClipboard(formatKey(this.key));
    this.texts.set(this.copied, text(copied ? 'session.copied' : 'session.copyFailed'));
    this.copied.classList.toggle('copied-failed', !copied);
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => this.texts.clear(this.copied), COPIED_VISIBLE_MS);
  }

  private startCountdown(): void {
    this.stopCountdown();
    this.tick();
    this.countdownTimer = setInterval(() => this.tick(), COUNTDOWN_TICK_MS);
  }

  private stopCountdown(): void {
    clearInterval(this.countdownTimer);
    this.countdownTimer = undefined;
  }

  private tick(): void {
    const left = remainingMs(this.expiresAt, Date.now());
    if (left > 0) {
      const next = text('session.expiresIn', { time: formatCountdown(left) });
      if (this.countdown.getAttribute('data-i18n-text') !== JSON.stringify(next)) this.texts.set(this.countdown, next);
      return;
    }
    this.stopCountdown();
    if (this.stage.stage === 'active') this.stage = { ...this.stage, keyExpiredLocally: true };
    this.render();
  }

  private render(): void {
    const stage = this.stage;
    const status = sessionStatus(stage, this.flow);
    this.texts.set(this.statusText, status.text);
    this.element.dataset.tone = status.tone;
    this.element.dataset.stage = stage.stage;

    const expired = keyIsExpired(stage);
    // After a reload the server may not hand back a key (e.g. it expired): no empty key to read.
    // In a chat the key travels in the background: nobody reads it, so the panel does not show it.
    show(this.keyBlock, this.flow === 'voice' && showsKey(stage) && (this.key !== '' || expired));
    show(this.keyDigits, this.key !== '');
    this.copyButton.disabled = expired || this.key === '';
    this.keyBlock.classList.toggle('is-expired', expired);
    if (expired) this.texts.set(this.countdown, text('session.expired'));
    this.renewButton.classList.toggle('button-primary', expired);
    this.renewButton.classList.toggle('button-secondary', !expired);

    show(this.videoSlot, stage.stage === 'active' && this.video !== null);
    this.video?.setPaused(stage.stage === 'active' && stage.phase === 'paused');

    show(this.body, [this.keyBlock, this.verification.element, this.videoSlot, this.errorLine].some((part) => !part.hidden));

    const creatingFailed = stage.stage === 'creating' && !this.errorLine.hidden;
    show(this.endButton, stage.stage === 'active');
    show(this.retryButton, creatingFailed);
    show(this.closeButton, stage.stage === 'ended' || creatingFailed);
    if (stage.stage === 'active' && !this.endButton.disabled) this.texts.set(this.endButton, text('session.end'));
  }

  private clearError(): void {
    this.texts.clear(this.errorLine);
    show(this.errorLine, false);
  }
}
