import type { EndReason, EndedBy, IceServer, ServerMessageOf, SessionPhase, ShareSurface, SignalData } from '../../../signaling/protocol';
import { realClock, type Clock } from '../../shared/clock';
import type { ScreenPeer, ScreenPeerEvents } from '../../shared/screenPeer';
import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text, type TextRef } from '../i18n/textRef';
import { VideoView } from '../video/videoView';
import { PointerTools } from '../video/pointerTools';
import { KeyCard } from './keyCard';
import { SessionIdentity } from './sessionIdentity';
import { SessionModel } from './sessionModel';
import type { SessionFlow } from './sessionStatus';
import { isSameConnection } from '../../shared/verification/sameConnection';
import { VerificationLine } from './verificationLine';

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

/**
 * One screen share as a panel of the console: the markup, the picture connection and the timers.
 * What the session is and what the agent sees of it is decided by its SessionModel.
 */
export class SessionPanel {
  readonly element: HTMLElement;
  readonly identity: SessionIdentity;
  private readonly model: SessionModel;
  private peer: ScreenPeer | null = null;
  private video: VideoView | null = null;
  private countdownTimer: unknown;

  private readonly statusText: HTMLElement;
  /** "Shared: whole screen" / "Shared: one window" while there is a picture. */
  private readonly surfaceLine: HTMLElement;
  private readonly keyCard: KeyCard;
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
    private readonly clock: Clock = realClock,
  ) {
    this.model = new SessionModel(init.flow);
    const title = h('h2', { class: 'session-title' });
    texts.set(title, text('session.title', { number }));
    this.identity = new SessionIdentity(texts, {
      ...(init.label !== undefined ? { label: init.label } : {}),
      ...(init.startedAt !== undefined ? { startedAt: init.startedAt } : {}),
      editable: init.flow === 'voice',
      onLabelChange: () => this.actions.relabel(this),
    });

    this.statusText = h('span', { class: 'status-text' });
    const statusLine = h('p', { class: 'session-status', role: 'status' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), this.statusText);
    this.surfaceLine = h('p', { class: 'session-surface' });

    this.keyCard = new KeyCard(texts, clock, () => this.actions.renewKey(this));

    this.videoSlot = h('div', { class: 'video-slot' });
    this.verification = new VerificationLine(texts);
    this.pointerTools = new PointerTools(texts, (mark) => this.peer?.send(mark));
    this.verification.element.append(this.pointerTools.element);
    show(this.videoSlot, false);

    this.errorLine = h('p', { class: 'session-error', role: 'alert' });
    show(this.errorLine, false);

    this.endButton = button('button button-danger', () => {
      this.model.requestEnd();
      this.render();
      this.actions.end(this);
    });
    this.retryButton = button('button button-primary', () => this.actions.retryCreate(this));
    texts.set(this.retryButton, text('session.retry'));
    this.closeButton = button('button button-secondary', () => this.actions.close(this));
    texts.set(this.closeButton, text('session.close'));

    this.body = h('div', { class: 'session-body' }, this.keyCard.element, this.verification.element, this.videoSlot, this.errorLine);
    this.element = h(
      'section',
      { class: 'session' },
      h('header', { class: 'session-head' }, title, this.identity.element, statusLine, this.surfaceLine, this.keyCard.announcer),
      this.body,
      h('footer', { class: 'session-actions' }, this.retryButton, this.closeButton, this.endButton),
    );
    this.element.setAttribute('role', 'region');
    texts.set(this.element, text('session.title', { number }), 'label');
    this.render();
  }

  get sessionId(): string | null {
    return this.model.sessionId;
  }

  get isActive(): boolean {
    return this.model.isActive;
  }

  /** Whether a picture connection exists (false after a reload: the customer must start a new one). */
  get hasPeer(): boolean {
    return this.peer !== null;
  }

  /** Whether this panel waits to take its session back (after a reload or a dropped connection). */
  get isResuming(): boolean {
    return this.model.isResuming;
  }

  /** Renewed TURN credentials for this session's live peer connection. */
  useIceServers(iceServers: IceServer[]): void {
    this.peer?.useIceServers(iceServers);
  }

  startResuming(sessionId: string): void {
    this.model.startResuming(sessionId);
    this.render();
  }

  setReconnecting(reconnecting: boolean): void {
    if (!this.model.isLive) return;
    this.model.setReconnecting(reconnecting);
    this.render();
  }

  receiveResumed(message: ServerMessageOf<'session.resumed'>): void {
    if (!this.model.isActive) return;
    this.model.receiveResumed(message, this.peer !== null);
    this.render();
  }

  receivePeer(state: 'away' | 'back', needsNewPeer: boolean): void {
    if (!this.model.isLive) return;
    if (this.model.receivePeer(state, needsNewPeer)) this.closePeer();
    this.render();
  }

  receiveKey(sessionId: string, key: string, expiresAt: number): void {
    if (!this.model.isActive) return;
    this.model.receiveKey(sessionId, key, expiresAt);
    if (this.model.flow === 'voice') this.keyCard.announce(this.model.formattedKey);
    this.render();
  }

  /** The customer's browser cannot share a screen: say so until something else happens. */
  receiveCustomerCannotShare(): void {
    if (!this.model.isLive) return;
    this.model.receiveCustomerCannotShare();
    this.render();
  }

  receivePhase(phase: SessionPhase, surface?: ShareSurface): void {
    if (!this.model.isLive) return;
    this.model.receivePhase(phase, surface);
    if (this.peer && this.customerShares()) this.ensureVideo();
    this.render();
  }

  receiveSignal(data: SignalData): void {
    if (!this.model.isLive) return;
    // An offer from another connection means the customer started a new one (reload, or ours was
    // lost); one from the same connection adds the picture to it (after consent).
    if (this.peer && data.type === 'offer' && !isSameConnection(this.peer.connection, data.sdp)) this.closePeer();
    this.peer ??= this.openPeer();
    // "Connecting…" where the picture will be, once the customer shares one. An offer alone says
    // not that: the customer's page negotiates the picture's section while still choosing a screen.
    if (data.type === 'offer' && this.customerShares()) {
      this.ensureVideo();
      this.render();
    }
    this.peer.signal(data);
  }

  receiveEnded(by: EndedBy, reason: EndReason): void {
    if (this.model.receiveEnded(by, reason)) this.afterEnd();
  }

  /** Our own connection to the server is gone, so is every session on it. */
  loseServer(): void {
    if (this.model.finish({ lostServer: true })) this.afterEnd();
  }

  /** The request made for this panel failed; say so here, where the agent is looking. */
  showError(message: TextRef): void {
    // Set even when the same text is up: the alert is read out again for the agent's new attempt.
    this.texts.set(this.errorLine, message);
    this.model.showError(message);
    this.render();
  }

  restartCreate(): void {
    this.model.restartCreate();
    this.render();
  }

  /** Keyboard focus to "Close" (e.g. after the panel moved to the list of ended shares). */
  focusClose(): void {
    this.closeButton.focus();
  }

  dispose(): void {
    this.stopCountdown();
    this.keyCard.dispose();
    this.closePeer();
  }

  private openPeer(): ScreenPeer {
    return this.actions.createPeer(this, {
      onStream: (stream) => {
        const peer = this.peer;
        if (!this.model.isLive || !peer) return;
        // The picture has started when its first packets arrive (the track unmutes), not when
        // its section is negotiated: that happens while the customer is still choosing a screen.
        whenMediaFlows(stream, () => {
          if (!this.model.isLive || this.peer !== peer) return;
          this.ensureVideo().showStream(stream, peer.connection);
          // The picture is what the agent waits for: bring all of it into view.
          this.element.scrollIntoView({ block: 'nearest' });
          this.model.pictureStarted();
          this.render();
        });
      },
      onError: (error) => {
        if (!this.model.isLive) return;
        // The technical reason ("User-Initiated Abort, …") is for the log, not for the agent.
        console.warn('screen peer failed', error);
        this.closePeer();
        this.model.pictureStopped(true);
        this.render();
      },
      onConnect: () => {
        if (this.model.sharpText) this.peer?.send({ type: 'picture.quality', sharpText: true });
        const peer = this.peer;
        void peer?.verificationWords().then((words) => {
          if (this.peer === peer) this.verification.showWords(words);
        });
      },
      onClose: () => {
        // The customer may share again (a new offer): the next signal opens a fresh peer.
        this.closePeer();
        this.model.pictureStopped(false);
        this.render();
      },
    });
  }

  /** The customer has captured a screen (the picture is on its way, or paused). */
  private customerShares(): boolean {
    const stage = this.model.stage;
    return stage.stage === 'active' && (stage.phase === 'sharing' || stage.phase === 'paused');
  }

  private ensureVideo(): VideoView {
    if (!this.video) {
      this.video = new VideoView(this.texts, {
        sharpText: this.model.sharpText,
        onSharpText: (sharpText) => {
          this.model.sharpText = sharpText;
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

  private afterEnd(): void {
    this.closePeer();
    this.render();
    this.actions.ended(this);
  }

  /** Runs the countdown's timer exactly while the model says the countdown runs. */
  private syncCountdown(): void {
    if (!this.model.countdownRunning) this.stopCountdown();
    else if (this.countdownTimer === undefined) this.countdownTimer = this.clock.setInterval(() => this.tick(), COUNTDOWN_TICK_MS);
  }

  private stopCountdown(): void {
    if (this.countdownTimer === undefined) return;
    this.clock.clearInterval(this.countdownTimer);
    this.countdownTimer = undefined;
  }

  private tick(): void {
    const now = this.clock.now();
    if (this.model.tick(now)) this.render();
    else this.keyCard.showCountdown(this.model.countdownText(now));
  }

  private render(): void {
    const now = this.clock.now();
    this.model.tick(now);
    const view = this.model.view(now);
    this.texts.set(this.statusText, view.status.text);
    show(this.surfaceLine, view.surface !== null);
    if (view.surface) this.texts.set(this.surfaceLine, view.surface);
    this.element.dataset.tone = view.status.tone;
    this.element.dataset.stage = view.stage;

    this.keyCard.render(view);
    this.syncCountdown();

    show(this.videoSlot, view.stage === 'active' && this.video !== null);
    this.video?.setPaused(view.paused);

    if (view.error) this.texts.setIfChanged(this.errorLine, view.error);
    else if (!this.errorLine.hidden) this.texts.clear(this.errorLine);
    show(this.errorLine, view.error !== null);

    show(this.body, [this.keyCard.element, this.verification.element, this.videoSlot, this.errorLine].some((part) => !part.hidden));

    show(this.endButton, view.endShown);
    this.endButton.disabled = view.ending;
    if (view.endShown) this.texts.set(this.endButton, text(view.ending ? 'session.ending' : 'session.end'));
    show(this.retryButton, view.retryShown);
    show(this.closeButton, view.closeShown);
  }
}

/** Calls `flowing` once the stream's video track carries media (at once if it already does). */
function whenMediaFlows(stream: MediaStream, flowing: () => void): void {
  const track = stream.getVideoTracks()[0];
  if (!track || !track.muted) return flowing();
  track.addEventListener('unmute', flowing, { once: true });
}
