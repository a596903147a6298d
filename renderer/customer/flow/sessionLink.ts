import type { AgentIdentity, CustomerMessage, ServerMessageOf } from '../../../signaling/protocol';
import type { Clock } from '../../shared/clock';
import { RESUME_REPLY_TIMEOUT_MS } from '../../shared/connection/backoff';
import { ResumableConnection } from '../../shared/connection/resumableConnection';
import type { ConnectionPhase } from '../../shared/connection/connectionMachine';
import type { SignalRoute } from './activeShare';
import type { CustomerLink } from './customerLink';
import type { ResumeMemory, SavedResume } from './resumeMemory';
import { freshResumeState, type ResumeState } from './resumeState';

/** After ending, keep the socket open this long so the server's confirmation can arrive. */
export const LINGER_MS = 2_000;
/** How often a lost picture is retried (reconnect, resume, new peer) before the share ends as lost. */
export const MAX_SILENT_PEER_RESTARTS = 2;
/** Consent and share-state messages held while reconnecting; more are dropped. */
const MAX_HELD_MESSAGES = 10;

export interface SessionLinkEvents {
  /** A new socket is ours: attach the server's messages (guard them with isCurrent). */
  attached(link: CustomerLink): void;
  /** The socket closed without us asking. */
  dropped(): void;
  /** The grace period is over: the session on the server is gone. */
  gaveUp(): void;
  /** Whether our connection to the agent still stands (told to the server when resuming). */
  hasPeer(): boolean;
}

/**
 * The customer's socket to the server for one session, and the way back into the session after
 * it drops: the resume token (kept across a reload), the resume request and its ref, the agent's
 * presence, and what the customer decided meanwhile (held until we are back in).
 */
export class SessionLink {
  /** The socket to the server, and the loop that brings it back (see shared/connection). */
  private readonly connection: ResumableConnection<CustomerLink>;
  private held: ResumeState = freshResumeState();
  /** Whether the server lets the customer share one window (its welcome says; false until it did). */
  private allowsWindow = false;
  /** Where the share's signals go: always the current socket. */
  readonly route: SignalRoute;

  constructor(
    connect: () => Promise<CustomerLink>,
    private readonly clock: Clock,
    private readonly memory: ResumeMemory,
    private readonly events: SessionLinkEvents,
  ) {
    this.connection = new ResumableConnection<CustomerLink>({
      connect,
      clock,
      graceMs: () => this.held.saved?.graceMs ?? 0,
      resumeReplyMs: RESUME_REPLY_TIMEOUT_MS,
      events: {
        attached: (link) => {
          this.allowsWindow = link.windowShare;
          events.attached(link);
        },
        reconnected: (link) => this.sendResume(link),
        dropped: () => events.dropped(),
        attemptFailed: (error) => console.warn('reconnecting to the signaling server failed; trying again', error),
        gaveUp: () => events.gaveUp(),
      },
    });
    const connection = this.connection;
    this.route = {
      get iceServers() {
        return connection.link?.iceServers ?? [];
      },
      get iceTransportPolicy() {
        return connection.link?.iceTransportPolicy;
      },
      sendSignal: (data) => this.send({ type: 'signal', data }),
    };
  }

  get phase(): ConnectionPhase {
    return this.connection.phase;
  }

  get link(): CustomerLink | null {
    return this.connection.link;
  }

  get windowShare(): boolean {
    return this.allowsWindow;
  }

  /** We hold a resume token: a lost socket is reconnected rather than the session ended. */
  get resumable(): boolean {
    return this.held.saved !== null;
  }

  /** The agent's socket is gone for now (the server said so); it may come back. */
  get peerAway(): boolean {
    return this.held.peerAway;
  }

  /** Our socket to the server is down, or the agent's is: "Reconnecting…" (the picture may still flow). */
  get reconnecting(): boolean {
    return !this.connection.isOpen || this.held.peerAway;
  }

  isCurrent(link: CustomerLink): boolean {
    return this.connection.isCurrent(link);
  }

  open(): Promise<CustomerLink> {
    return this.connection.open();
  }

  close(): void {
    this.connection.close();
  }

  /** A reload (or a crash) in the middle of a session: get it back with the saved token. */
  resumeSaved(saved: SavedResume): void {
    this.held = freshResumeState(saved);
    this.connection.reconnectNow();
  }

  send(message: CustomerMessage): void {
    // What the customer decided while the connection was down is sent once we are back in.
    const resuming = this.held.saved !== null && !this.connection.isOpen;
    if (resuming && (message.type === 'consent' || message.type === 'share.state')) {
      if (this.held.outbox.length < MAX_HELD_MESSAGES) this.held.outbox.push(message);
      return;
    }
    this.connection.link?.send(message);
  }

  saveToken(message: ServerMessageOf<'session.token'>, agent: AgentIdentity | null): void {
    this.held.saved = { sessionId: message.sessionId, token: message.token, graceMs: message.graceMs, agent };
    this.memory.save(this.held.saved);
  }

  /** Our socket dropped while in a session: keep everything (the picture may still flow) and reconnect. */
  lost(): void {
    this.connection.lost();
  }

  /** Whether a server reply answers the session.resume in flight. */
  answersResume(ref: string | undefined): boolean {
    return ref !== undefined && ref === this.resumeRef();
  }

  /** The server gave the session back; `peerAway`: the agent is not (yet) back itself. */
  recovered(peerAway: boolean): void {
    this.connection.recovered();
    this.held.peerAway = peerAway;
  }

  /** Sends what the customer decided while we were away. */
  flushHeld(): void {
    for (const message of this.held.outbox.splice(0)) this.connection.link?.send(message);
  }

  /** The server refused this resume for now: try again on another socket. */
  retryResume(code: string): void {
    console.warn('resuming failed; trying again', code);
    this.connection.retry();
  }

  /** The server says whether the agent's socket is gone or back. */
  peerPresence(state: ServerMessageOf<'session.peer'>['state']): void {
    this.held.peerAway = state === 'away';
  }

  /** The picture connected: lost pictures are retried afresh from now on. */
  pictureConnected(): void {
    this.held.silentPeerRestarts = 0;
  }

  /**
   * The picture dropped and the server said nothing: the network itself may be gone, with a
   * socket that only looks open. Reconnect and resume (a fresh peer follows), unless that was
   * tried too often already; false then.
   */
  restartSilently(): boolean {
    if (!this.held.saved || this.held.silentPeerRestarts >= MAX_SILENT_PEER_RESTARTS) return false;
    this.held.silentPeerRestarts++;
    this.connection.lost();
    return true;
  }

  /**
   * The session is over: its token forgotten, the socket closed (after a short linger when we
   * told the server ourselves, so our message and its answer are not cut off).
   */
  end(socket: 'now' | 'linger'): void {
    this.memory.clear();
    this.held = freshResumeState();
    const link = this.connection.detach();
    if (link && socket === 'linger' && link.isOpen) this.closeSoon(link);
    else link?.close();
  }

  /** A new socket after a loss: ask for the session back. */
  private sendResume(link: CustomerLink): void {
    const saved = this.held.saved;
    const ref = this.resumeRef();
    if (!saved || ref === null) return;
    link.send({ type: 'session.resume', token: saved.token, hasPeer: this.events.hasPeer(), ref });
  }

  /** The ref of the session.resume in flight, or null when none is. */
  private resumeRef(): string | null {
    return this.connection.phase === 'resuming' ? `resume-${this.connection.resumeAttempt}` : null;
  }

  /** Closes a socket once the server confirmed the end (or soon anyway), so nothing is cut off. */
  private closeSoon(link: CustomerLink): void {
    const { clock } = this;
    const close = () => {
      stopWaiting();
      clock.clearTimeout(timer);
      link.close();
    };
    const stopWaiting = link.on('session.ended', close);
    const timer = clock.setTimeout(close, LINGER_MS);
  }
}
