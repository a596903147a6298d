import type { EndReason, EndedBy, ServerMessageOf, SessionPhase, ShareSurface } from '../../../signaling/protocol';
import { formatKey } from '../../../signaling/protocol';
import { text, type TextRef } from '../i18n/textRef';
import { formatCountdown, remainingMs } from './countdown';
import {
  keyIsExpired,
  sessionStatus,
  showsKey,
  type SessionFlow,
  type SessionOutcome,
  type SessionStage,
  type SessionStatus,
} from './sessionStatus';

/** What a session panel shows at one moment, derived from the model alone (no DOM). */
export interface SessionPanelState {
  status: SessionStatus;
  stage: SessionStage['stage'];
  /** The key block: voice only, while the key is still to be read. */
  keyShown: boolean;
  /** The key as the agent reads it ("123 456"), or '' when the server has not handed one (back). */
  keyDigits: string;
  keyExpired: boolean;
  copyEnabled: boolean;
  /** "Expires in 4:59" or "Key expired"; null leaves the last text in place. */
  countdown: TextRef | null;
  /** The customer holds the picture back. */
  paused: boolean;
  /** "Shared: whole screen" / "Shared: one window" while there is a picture; null otherwise. */
  surface: TextRef | null;
  error: TextRef | null;
  endShown: boolean;
  /** "End session" was pressed and the server has not answered yet. */
  ending: boolean;
  retryShown: boolean;
  closeShown: boolean;
}

/**
 * One screen share as the agent console sees it: server message → stage, the key and its
 * countdown, the agent's choices. Pure: time comes in as `now`, the view owns the DOM and the peer.
 */
export class SessionModel {
  private id: string | null = null;
  private current: SessionStage = { stage: 'creating' };
  private key = '';
  private expiresAt = 0;
  private error: TextRef | null = null;
  private ending = false;
  /** What the customer shares while there is a picture (the server says with each picture phase). */
  private surface: ShareSurface | null = null;
  /** "Sharp text" is the agent's choice for this session: it outlives a picture connection. */
  sharpText = false;

  constructor(readonly flow: SessionFlow) {}

  get sessionId(): string | null {
    return this.id;
  }

  get stage(): SessionStage {
    return this.current;
  }

  /** The formatted key, '' before the server handed one. */
  get formattedKey(): string {
    return this.key === '' ? '' : formatKey(this.key);
  }

  get isActive(): boolean {
    return this.current.stage !== 'ended';
  }

  /** Whether the session is live (signals, peer events and customer news apply only then). */
  get isLive(): boolean {
    return this.current.stage === 'active';
  }

  /** Whether this session waits to be taken back (after a reload or a dropped connection). */
  get isResuming(): boolean {
    return this.current.stage === 'resuming' || (this.current.stage === 'active' && this.current.reconnecting === true);
  }

  /** After a reload: this panel stands for a session the console is taking back. */
  startResuming(sessionId: string): void {
    this.id = sessionId;
    this.current = { stage: 'resuming' };
  }

  /** Our socket to the server dropped (true) or is back (false); the session itself goes on. */
  setReconnecting(reconnecting: boolean): void {
    if (this.current.stage !== 'active') return;
    this.current = { ...this.current, reconnecting };
  }

  /** The server gave the session back; `hasPicture`: a picture connection survived. */
  receiveResumed(message: ServerMessageOf<'session.resumed'>, hasPicture: boolean): void {
    if (this.current.stage === 'ended') return;
    const streaming = this.current.stage === 'active' && this.current.streaming && hasPicture;
    if ((message.phase === 'waiting' || message.phase === 'key-expired') && message.key && message.keyExpiresAt) {
      this.key = message.key;
      this.expiresAt = message.keyExpiresAt;
    }
    this.surface = message.surface ?? this.surface;
    this.current = {
      stage: 'active',
      phase: message.phase,
      keyExpiredLocally: false,
      streaming,
      reconnecting: false,
      customerAway: message.peer === 'away',
    };
  }

  /**
   * The customer's socket went away or came back. Returns true when the picture connection must
   * go: a customer who reloaded starts a new one once they pick the screen again.
   */
  receivePeer(state: 'away' | 'back', needsNewPeer: boolean): boolean {
    if (this.current.stage !== 'active') return false;
    const dropPicture = state === 'back' && needsNewPeer;
    if (dropPicture) {
      const phase = this.current.phase === 'sharing' || this.current.phase === 'paused' ? 'choosing-screen' : this.current.phase;
      this.current = { ...this.current, phase, streaming: false };
    }
    this.current = { ...this.current, customerAway: state === 'away' };
    return dropPicture;
  }

  /** A new key for this session (the first one, or a renewal). */
  receiveKey(sessionId: string, key: string, expiresAt: number): void {
    if (this.current.stage === 'ended') return;
    this.id = sessionId;
    this.key = key;
    this.expiresAt = expiresAt;
    this.current = { stage: 'active', phase: 'waiting', keyExpiredLocally: false, streaming: false };
    this.error = null;
  }

  /** The customer typed the key in a browser that cannot share a screen; the key still works elsewhere. */
  receiveCustomerCannotShare(): void {
    if (this.current.stage !== 'active') return;
    this.current = { ...this.current, customerCannotShare: true };
  }

  receivePhase(phase: SessionPhase, surface?: ShareSurface): void {
    if (this.current.stage !== 'active') return;
    this.current = { ...this.current, phase };
    this.surface = surface ?? (phase === 'sharing' || phase === 'paused' ? this.surface : null);
  }

  /** The customer's picture arrived: that ends an earlier "could not be connected". */
  pictureStarted(): void {
    if (this.current.stage !== 'active') return;
    this.current = { ...this.current, streaming: true };
    this.error = null;
  }

  /** The picture connection closed (the customer may share again) or failed. */
  pictureStopped(failed: boolean): void {
    if (failed) this.showError(text('video.failed'));
    if (this.current.stage === 'active') this.current = { ...this.current, streaming: false };
  }

  /** Returns false if the session had already ended. */
  finish(outcome: SessionOutcome): boolean {
    if (this.current.stage === 'ended') return false;
    this.current = { stage: 'ended', outcome };
    return true;
  }

  receiveEnded(by: EndedBy, reason: EndReason): boolean {
    return this.finish({ by, reason });
  }

  /** The request made for this session failed; whatever the agent tried can be tried again. */
  showError(message: TextRef): void {
    this.error = message;
    if (this.current.stage === 'active') this.ending = false;
  }

  /** Back to "creating" for another session.create attempt. */
  restartCreate(): void {
    this.current = { stage: 'creating' };
    this.error = null;
  }

  /** The agent pressed "End session". */
  requestEnd(): void {
    this.ending = true;
  }

  /** Whether the key's countdown runs: a readable key that has not run out yet. */
  get countdownRunning(): boolean {
    return showsKey(this.current) && this.key !== '' && !keyIsExpired(this.current);
  }

  /** Moves the countdown to `now`; true when the key just ran out here (before the server said so). */
  tick(now: number): boolean {
    if (!this.countdownRunning || this.current.stage !== 'active') return false;
    if (remainingMs(this.expiresAt, now) > 0) return false;
    this.current = { ...this.current, keyExpiredLocally: true };
    return true;
  }

  /** The countdown's text at `now` (null when it does not run). */
  countdownText(now: number): TextRef | null {
    if (keyIsExpired(this.current)) return text('session.expired');
    if (!this.countdownRunning) return null;
    const left = remainingMs(this.expiresAt, now);
    return left > 0 ? text('session.expiresIn', { time: formatCountdown(left) }) : null;
  }

  private surfaceText(): TextRef | null {
    const stage = this.current;
    const pictured = stage.stage === 'active' && (stage.phase === 'sharing' || stage.phase === 'paused');
    if (!pictured || this.surface === null) return null;
    return text(this.surface === 'window' ? 'status.surfaceWindow' : 'status.surfaceScreen');
  }

  view(now: number): SessionPanelState {
    const stage = this.current;
    const expired = keyIsExpired(stage);
    const creatingFailed = stage.stage === 'creating' && this.error !== null;
    return {
      status: sessionStatus(stage, this.flow),
      stage: stage.stage,
      // After a reload the server may not hand back a key (e.g. it expired): no empty key to read.
      // In a chat the key travels in the background: nobody reads it, so the panel does not show it.
      keyShown: this.flow === 'voice' && showsKey(stage) && (this.key !== '' || expired),
      keyDigits: this.formattedKey,
      keyExpired: expired,
      copyEnabled: !expired && this.key !== '',
      countdown: this.countdownText(now),
      paused: stage.stage === 'active' && stage.phase === 'paused',
      surface: this.surfaceText(),
      error: this.error,
      endShown: stage.stage === 'active',
      ending: this.ending,
      retryShown: creatingFailed,
      closeShown: stage.stage === 'ended' || creatingFailed,
    };
  }
}
