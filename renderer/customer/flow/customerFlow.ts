import { type AgentIdentity, type CustomerMessage, type CustomerMessageOf, type ServerMessageOf, type ShareSurface } from '../../../signaling/protocol';
import { classifyCaptureError } from '../platform/captureError';
import type { Platform } from '../platform/platform';
import { claimProblem, UNREACHABLE } from './claimProblem';
import type { Clock } from '../../shared/clock';
import type { ConnectLink, CustomerLink } from './customerLink';
import { outcomeFromEnded, type EndOutcome } from './endOutcome';
import { isInSession, leaveReason, type FlowState } from './flowState';
import { CUSTOMER_FLOW, type FlowEvent } from './flowMachine';
import { KeyClaim } from './keyClaim';
import { localKeyProblem } from './keyProblem';
import type { Problem } from './problem';
import { NamedTimers } from './namedTimers';
import { firstCaptureStep, LiveScreenList, type CaptureStart } from './screenChoice';
import type { CreateSenderPeer } from './senderPeer';
import { ActiveShare, type SignalRoute } from './activeShare';
import { AgentMarks } from './agentMarks';
import { noResumeMemory, type ResumeMemory } from './resumeMemory';
import { freshResumeState, type ResumeState } from './resumeState';
import { RESUME_REPLY_TIMEOUT_MS } from '../../shared/connection/backoff';
import { ResumableConnection } from '../../shared/connection/resumableConnection';

export { CLAIM_TIMEOUT_MS } from './keyClaim';
/** After the peer connection drops, wait this long for the server to say why before calling it lost. */
export const PEER_LOSS_GRACE_MS = 3_000;
/** After ending, keep the socket open this long so the server's confirmation can arrive. */
export const LINGER_MS = 2_000;
/** How often a lost picture is retried (reconnect, resume, new peer) before the share ends as lost. */
export const MAX_SILENT_PEER_RESTARTS = 2;

export interface FlowDeps {
  platform: Platform;
  connect: ConnectLink;
  createPeer: CreateSenderPeer;
  clock: Clock;
  locale(): string;
  /** Keeps the resume token across a reload (sessionStorage in the page); none: no resume after reload. */
  resumeMemory?: ResumeMemory;
}

type Listener = (state: FlowState) => void;

/** The consent sentence the page showed, in its language: stored with the consent as its receipt. */
export interface ShownConsent {
  sentence: string;
  language: 'en' | 'de';
}

/** The customer's consent is on the record: the receipt the page shows from then on. */
export interface ConsentReceipt {
  receipt: string;
  /** The server's time of the consent. */
  at: number;
  agent: AgentIdentity;
}
type EndMessage = CustomerMessageOf<'session.end'>;

/**
 * The customer's whole journey: key → consent → (permission, picker) → sharing → ended. Views
 * render `state` and call the action methods; every way out of a session goes through finish().
 */
export class CustomerFlow {
  private current: FlowState;
  private readonly listeners = new Set<Listener>();
  /** The socket to the server, and the loop that brings it back (see shared/connection). */
  private readonly connection: ResumableConnection<CustomerLink>;
  private agent: AgentIdentity | null = null;
  private readonly claim: KeyClaim;
  private captureAttempt = 0;
  private share: ActiveShare | null = null;
  private readonly timers: NamedTimers<'peerLoss'>;
  private readonly memory: ResumeMemory;
  private held: ResumeState = freshResumeState();
  /** Where the share's signals go: always the current socket. */
  private readonly route: SignalRoute;
  private readonly screenList: LiveScreenList;
  private readonly marks: AgentMarks;
  private consentReceipt: ConsentReceipt | null = null;
  /** Whether the server lets the customer share one window (its welcome says; false until it did). */
  private windowShare = false;

  constructor(private readonly deps: FlowDeps) {
    this.timers = new NamedTimers(deps.clock);
    this.claim = new KeyClaim(deps.clock);
    this.screenList = new LiveScreenList(deps.platform, deps.clock);
    this.marks = new AgentMarks(deps.clock, () => {
      if (this.current.step !== 'sharing') return;
      const marks = this.marks.view();
      if (this.current.marksOnScreen) deps.platform.screenOverlay?.show(marks);
      this.update({ ...this.current, marks, marksShown: this.marks.shown });
    });
    this.memory = deps.resumeMemory ?? noResumeMemory;
    this.connection = new ResumableConnection<CustomerLink>({
      connect: () =>
        deps.connect({ serverOrigin: deps.platform.serverOrigin(), client: deps.platform.client, locale: deps.locale() }),
      clock: deps.clock,
      graceMs: () => this.held.saved?.graceMs ?? 0,
      resumeReplyMs: RESUME_REPLY_TIMEOUT_MS,
      events: {
        attached: (link) => this.listen(link),
        reconnected: (link) => this.sendResume(link),
        dropped: () => this.linkDropped(),
        attemptFailed: (error) => console.warn('reconnecting to the signaling server failed; trying again', error),
        gaveUp: () => this.finish('connection-lost', 'now'),
      },
    });
    const flow = this;
    this.route = {
      get iceServers() {
        return flow.connection.link?.iceServers ?? [];
      },
      get iceTransportPolicy() {
        return flow.connection.link?.iceTransportPolicy;
      },
      sendSignal: (data) => this.send({ type: 'signal', data }),
    };
    const initial = deps.platform.initialKey();
    this.current = {
      step: 'key',
      keyText: initial?.key ?? '',
      busy: false,
      problem: null,
      blockedUntil: null,
      unsupported: !deps.platform.canCapture(),
    };
    deps.platform.onKeyDelivered((key) => this.deliverKey(key));
    deps.platform.onStopRequested(() => this.stop());
    deps.platform.onPauseRequested((paused) => this.setPaused(paused));
    const saved = this.memory.load();
    if (saved) {
      // A reload (or a crash) in the middle of a session: pick it up instead of asking for a key.
      this.held = freshResumeState(saved);
      this.agent = saved.agent;
      this.current = { step: 'resuming', agent: saved.agent };
      this.connection.reconnectNow();
    } else if (initial?.submit) void this.submitKey(initial.key);
  }

  get state(): FlowState {
    return this.current;
  }

  /** Shown once the consent is recorded, until the customer starts over with a new key. */
  get receipt(): ConsentReceipt | null {
    return this.consentReceipt;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- key entry ----

  /**
   * Remembers what is typed so a re-render never loses it; nothing to show, so no update. The
   * first digit opens the socket to the server, so "Continue" only has to send the key.
   */
  editKey(keyText: string): void {
    if (this.current.step !== 'key') return;
    this.current = { ...this.current, keyText };
    if (keyText.trim() !== '') this.connectAhead();
  }

  /** Opens the socket early; a failure is not shown here: "Continue" tries again and says so. */
  private connectAhead(): void {
    if (this.connection.phase !== 'idle') return;
    this.connection.open().catch((error: unknown) => console.warn('could not connect to the signaling server yet', error));
  }

  async submitKey(keyText: string): Promise<void> {
    const state = this.current;
    if (state.step !== 'key' || state.busy || state.blockedUntil !== null) return;
    const problem = localKeyProblem(keyText);
    if (problem) return this.update({ ...state, keyText, problem });
    this.update({ ...state, keyText, busy: true, problem: null });
    let link: CustomerLink;
    try {
      link = await this.connection.open();
    } catch (error) {
      console.warn('could not connect to the signaling server', error);
      return this.keyRefused(UNREACHABLE);
    }
    this.claim.send(link, keyText, this.deps.platform.canCapture(), () => {
      this.connection.close();
      this.keyRefused(UNREACHABLE);
    });
  }

  /** A key from a deep link: fill it in and continue, unless a share is already under way. */
  deliverKey(key: string): void {
    if (this.current.step === 'ended') this.startOver();
    if (this.current.step === 'key' && !this.current.busy) void this.submitKey(key);
  }

  // ---- consent, permission, picker ----

  accept(shown?: ShownConsent): void {
    if (this.current.step !== 'consent') return;
    this.send({ type: 'consent', decision: 'accept', ...shown });
    void this.prepareCapture();
  }

  decline(): void {
    if (this.current.step !== 'consent') return;
    this.send({ type: 'consent', decision: 'decline' });
    this.finish('declined', 'linger');
  }

  openPermissionSettings(): void {
    this.deps.platform.openPermissionSettings().catch((error: unknown) => console.warn(error));
  }

  recheckPermission(): void {
    if (this.current.step === 'permission') void this.prepareCapture();
  }

  async chooseScreen(id: string): Promise<void> {
    const agent = this.current.step === 'picker' ? this.current.agent : null;
    if (!agent) return;
    this.screenList.stop();
    this.showChoosing(agent);
    await this.deps.platform.chooseScreen(id);
    await this.capture();
  }

  retryCapture(): void {
    if (this.current.step === 'capture-problem') void this.prepareCapture();
  }

  /** Give up sharing from the picker, the permission help or a failed capture. */
  cancel(): void {
    const step = this.current.step;
    if (step === 'picker') this.endByCustomer({ type: 'session.end', reason: 'declined' }, 'declined');
    if (step === 'permission' || step === 'capture-problem') {
      this.endByCustomer({ type: 'session.end', reason: 'capture-failed' }, 'cancelled');
    }
  }

  // ---- sharing ----

  /** After a reload mid-share: capture the screen again (the browser needs this click). */
  continueSharing(): void {
    if (this.current.step === 'resume-share') void this.prepareCapture();
  }

  /** "Stop sharing", the browser's own stop control, or the desktop indicator. */
  stop(): void {
    const step = this.current.step;
    if (step !== 'sharing' && step !== 'choosing' && step !== 'resume-share') return;
    this.endByCustomer({ type: 'session.end', reason: 'stopped' }, 'stopped');
  }

  /** "Pause": the agent keeps the session but gets no new picture; nothing needs consenting again. */
  pause(): void {
    this.setPaused(true);
  }

  resume(): void {
    this.setPaused(false);
  }

  /** The customer's switch for the agent's pointer and drawings. */
  setMarksShown(shown: boolean): void {
    this.marks.setShown(shown);
  }

  /** The captured screen while sharing (the page previews it with the agent's marks on it). */
  get sharedStream(): MediaStream | null {
    return this.share?.stream ?? null;
  }

  startOver(): void {
    if (this.current.step !== 'ended') return;
    this.consentReceipt = null;
    this.move('start-over', {
      step: 'key',
      keyText: '',
      busy: false,
      problem: null,
      blockedUntil: null,
      unsupported: !this.deps.platform.canCapture(),
    });
  }

  /** The page is being closed: tell the server now, there is no later. */
  leave(): void {
    const reason = leaveReason(this.current);
    if (reason !== null) this.send({ type: 'session.end', reason });
  }

  /**
   * The page that hosts this flow drops it for a new one (the chat's "Share screen" again after a
   * start that failed): its waits end and its socket closes, so nothing of it lingers on the server.
   */
  discard(): void {
    this.leave();
    this.claim.stop();
    this.connection.close();
  }

  // ---- internals ----

  /** A change within the current step (busy, paused, connected…): not a transition. */
  private update(next: FlowState): void {
    if (next.step !== this.current.step) return console.warn(`the customer flow took ${next.step} for an update of ${this.current.step}`);
    this.publish(next);
  }

  /** To another step, only along CUSTOMER_FLOW; false (and no change) where the table has no such move. */
  private move(event: FlowEvent, next: FlowState): boolean {
    if (CUSTOMER_FLOW[this.current.step][event] !== next.step) {
      console.warn(`the customer flow ignored ${event} in ${this.current.step}`);
      return false;
    }
    this.publish(next);
    return true;
  }

  private publish(next: FlowState): void {
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }

  private send(message: CustomerMessage): void {
    // What the customer decided while the connection was down is sent once we are back in.
    const resuming = this.held.saved !== null && !this.connection.isOpen;
    if (resuming && (message.type === 'consent' || message.type === 'share.state')) {
      if (this.held.outbox.length < 10) this.held.outbox.push(message);
      return;
    }
    this.connection.link?.send(message);
  }

  /** A new socket: the server's messages reach the flow only while it is the current one. */
  private listen(link: CustomerLink): void {
    this.windowShare = link.windowShare;
    const mine = <A extends unknown[]>(handler: (...args: A) => void) => (...args: A) => {
      if (this.connection.isCurrent(link)) handler(...args);
    };
    link.on('key.accepted', mine((message) => this.keyAccepted(message)));
    link.on('key.agentTold', mine((message) => this.agentTold(message)));
    link.on('error', mine((message) => this.serverError(message)));
    link.on('session.ended', mine((message) => this.sessionEnded(message)));
    link.on('signal', mine((message) => this.share?.signal(message.data)));
    link.on('session.ice', mine((message) => this.share?.useIceServers(message.iceServers)));
    link.on('session.token', mine((message) => this.tokenReceived(message)));
    link.on('session.resumed', mine((message) => this.resumed(message)));
    link.on('session.peer', mine((message) => this.peerPresence(message)));
    link.on('consent.recorded', mine((message) => this.consentRecorded(message)));
  }

  /** The socket closed without us asking. */
  private linkDropped(): void {
    if ((isInSession(this.current) || this.current.step === 'resuming') && this.held.saved) this.linkLost();
    else if (isInSession(this.current)) this.finish('connection-lost', 'now');
    else if (this.current.step === 'key' && this.current.busy) this.keyRefused(UNREACHABLE);
  }

  /** Closes a socket once the server confirmed the end (or soon anyway), so nothing is cut off. */
  private closeSoon(link: CustomerLink): void {
    const { clock } = this.deps;
    const close = () => {
      stopWaiting();
      clock.clearTimeout(timer);
      link.close();
    };
    const stopWaiting = link.on('session.ended', close);
    const timer = clock.setTimeout(close, LINGER_MS);
  }

  private keyAccepted(message: ServerMessageOf<'key.accepted'>): void {
    if (!this.answersClaim(message.ref)) return;
    this.agent = message.agent;
    this.showConsent('key-accepted', message.agent);
  }

  /** The key was right and is still unused; its agent now knows this browser cannot share. */
  private agentTold(message: ServerMessageOf<'key.agentTold'>): void {
    if (!this.answersClaim(message.ref)) return;
    this.agent = message.agent;
    this.finish('unsupported', 'now');
  }

  /** Whether a reply is the answer to the key we are waiting on; if so, we stop waiting. */
  private answersClaim(ref: string | undefined): boolean {
    return this.current.step === 'key' && this.current.busy && this.claim.answers(ref);
  }

  /**
   * While the customer reads who asks, the connection to the agent is set up without media (no
   * track, no video section: the server relays nothing more before consent), so that "Share my
   * screen" only has to add the picture.
   */
  private showConsent(event: 'key-accepted' | 'resumed-before-consent', agent: AgentIdentity): void {
    if (!this.move(event, { step: 'consent', agent })) return;
    this.share ??= this.openShare();
  }

  private serverError(message: ServerMessageOf<'error'>): void {
    if (message.ref !== undefined && message.ref === this.resumeRef()) return this.resumeRefused(message);
    if (!this.answersClaim(message.ref)) {
      console.warn('the server reported a problem', message.code, message.message);
      return;
    }
    const blockedUntil = message.retryAfterMs === undefined ? null : this.deps.clock.now() + message.retryAfterMs;
    this.keyRefused(claimProblem(message), blockedUntil);
  }

  private keyRefused(problem: Problem, blockedUntil: number | null = null): void {
    this.claim.settle();
    if (this.current.step !== 'key') return;
    this.update({ ...this.current, busy: false, problem, blockedUntil });
    if (blockedUntil === null) return;
    this.claim.blockUntil(blockedUntil, () => {
      // The "wait N minutes" text would be stale now: clear it along with the block.
      if (this.current.step === 'key') this.update({ ...this.current, blockedUntil: null, problem: null });
    });
  }

  private sessionEnded(message: ServerMessageOf<'session.ended'>): void {
    if (isInSession(this.current) || this.current.step === 'resuming') this.finish(outcomeFromEnded(message.by, message.reason), 'now');
  }

  /** Shown at once after a click, so a second click cannot start a second capture. */
  private showChoosing(agent: AgentIdentity): void {
    if (this.current.step === 'choosing') return;
    this.move('prepare-capture', { step: 'choosing', agent, browserDialog: this.deps.platform.client === 'web', windows: this.windowShare });
  }

  private async prepareCapture(): Promise<void> {
    const agent = this.sessionAgent();
    if (!agent) return;
    this.showChoosing(agent);
    // Consent is given: the picture's offer and answer run while the screen is being captured.
    this.share?.expectPicture();
    let start: CaptureStart = { next: 'capture' };
    try {
      start = await firstCaptureStep(this.deps.platform, this.windowShare);
    } catch (error) {
      console.warn('could not prepare the screen capture; trying anyway', error);
    }
    if (!isInSession(this.current)) return;
    if (start.next === 'permission') return void this.move('needs-permission', { step: 'permission', agent });
    this.send({ type: 'share.state', state: 'choosing' });
    if (start.next === 'capture') return this.capture();
    if (!this.move('screens-listed', { step: 'picker', agent, screens: start.screens })) return;
    this.screenList.start(this.windowShare, (screens) => {
      if (this.current.step === 'picker') this.update({ ...this.current, screens });
    });
  }

  private async capture(): Promise<void> {
    const agent = this.sessionAgent();
    if (!agent) return;
    const attempt = ++this.captureAttempt;
    this.showChoosing(agent);
    let stream: MediaStream;
    try {
      stream = await this.deps.platform.captureScreen();
    } catch (error) {
      if (attempt === this.captureAttempt && this.current.step === 'choosing') {
        console.warn('screen capture failed', error);
        this.share?.pictureNotComing();
        this.move('capture-failed', { step: 'capture-problem', agent, problem: classifyCaptureError(error) });
      }
      return;
    }
    // Without a socket the share can still start if we are about to resume (its offer follows then).
    if (attempt !== this.captureAttempt || this.current.step !== 'choosing' || (!this.connection.link && !this.held.saved)) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const surface = this.deps.platform.sharedSurface(stream);
    if (surface === 'window' && !this.windowShare) {
      // The browser's dialog offers windows and tabs whatever we ask for: only a screen may go.
      for (const track of stream.getTracks()) track.stop();
      this.share?.pictureNotComing();
      this.move('capture-failed', { step: 'capture-problem', agent, problem: 'whole-screen' });
      return;
    }
    this.startSharing(stream, agent, surface);
  }

  private startSharing(stream: MediaStream, agent: AgentIdentity, surface: ShareSurface): void {
    this.send({ type: 'share.state', state: 'sharing', surface });
    const share = (this.share ??= this.openShare());
    share.attach(stream);
    this.move('captured', {
      step: 'sharing',
      agent,
      surface,
      connected: share.connected,
      reconnecting: this.isReconnecting(),
      paused: false,
      words: share.words,
      marks: this.marks.view(),
      marksShown: this.marks.shown,
      marksOnScreen: surface === 'screen' && this.deps.platform.screenOverlay !== null,
    });
    this.deps.platform.setSharingState(true, agent.displayName, false);
  }

  private openShare(): ActiveShare {
    return new ActiveShare(this.route, this.deps.createPeer, {
      onCaptureEnded: () => this.stop(),
      onConnected: () => {
        this.timers.clear('peerLoss');
        this.held.silentPeerRestarts = 0;
        if (this.current.step === 'sharing') this.update({ ...this.current, connected: true });
      },
      onMark: (mark) => {
        // Marks point at the shared picture: before there is one they mean nothing.
        if (this.current.step === 'sharing') this.marks.receive(mark);
      },
      onWords: (words) => {
        if (this.current.step === 'sharing') this.update({ ...this.current, words });
      },
      onPeerLost: (error) => {
        console.warn('the screen connection closed', error);
        this.peerLost();
      },
    });
  }

  private setPaused(paused: boolean): void {
    if (this.current.step !== 'sharing' || this.current.paused === paused || !this.share) return;
    this.share.setPaused(paused);
    this.send({ type: 'share.state', state: paused ? 'paused' : 'sharing' });
    this.update({ ...this.current, paused });
    this.deps.platform.setSharingState(true, this.current.agent.displayName, paused);
  }

  /** The picture connection dropped; if the server does not explain it soon, call it lost. */
  private peerLost(): void {
    if (this.current.step !== 'sharing') return;
    if (this.current.connected) this.update({ ...this.current, connected: false, words: null });
    // While either side is reconnecting, a new peer follows when both are back.
    if (this.isReconnecting() || this.timers.has('peerLoss')) return;
    this.timers.start('peerLoss', PEER_LOSS_GRACE_MS, () => {
      if (this.current.step !== 'sharing' || this.isReconnecting()) return;
      if (this.held.saved && this.held.silentPeerRestarts < MAX_SILENT_PEER_RESTARTS) {
        // The picture dropped and the server said nothing: the network itself may be gone, with
        // a socket that only looks open. Reconnect and resume; a fresh peer follows.
        this.held.silentPeerRestarts++;
        return this.linkLost();
      }
      // Closing the socket lets the server tell the agent "connection lost" rather than "ended".
      this.finish('connection-lost', 'now');
    });
  }

  // ---- resume ----

  private tokenReceived(message: ServerMessageOf<'session.token'>): void {
    if (!isInSession(this.current) && this.current.step !== 'resuming' && !(this.current.step === 'key' && this.current.busy)) return;
    this.held.saved = { sessionId: message.sessionId, token: message.token, graceMs: message.graceMs, agent: this.agent };
    this.memory.save(this.held.saved);
  }

  /** Our socket dropped while in a session: keep everything (the picture may still flow) and reconnect. */
  private linkLost(): void {
    this.connection.lost();
    this.showReconnecting();
  }

  /** A new socket after a loss: ask for the session back. */
  private sendResume(link: CustomerLink): void {
    const saved = this.held.saved;
    const ref = this.resumeRef();
    if (!saved || ref === null) return;
    link.send({ type: 'session.resume', token: saved.token, hasPeer: this.share !== null && !this.share.peerLost, ref });
  }

  /** The ref of the session.resume in flight, or null when none is. */
  private resumeRef(): string | null {
    return this.connection.phase === 'resuming' ? `resume-${this.connection.resumeAttempt}` : null;
  }

  private resumed(message: ServerMessageOf<'session.resumed'>): void {
    if (message.ref === undefined || message.ref !== this.resumeRef()) return;
    this.connection.recovered();
    this.held.peerAway = message.peer === 'away';
    if (message.agent) this.agent = message.agent;
    const agent = this.agent;
    if (this.current.step === 'resuming') {
      if (!agent) return this.finish('connection-lost', 'now');
      if (message.phase === 'key-entered') return this.showConsent('resumed-before-consent', agent);
      if (message.phase === 'choosing-screen' || message.phase === 'sharing') {
        return void this.move('resumed-mid-share', { step: 'resume-share', agent });
      }
      return this.finish('connection-lost', 'now');
    }
    for (const message of this.held.outbox.splice(0)) this.connection.link?.send(message);
    // The picture was not up (or died) while we were away, and the agent is here: signals may
    // have been lost, so offer a fresh peer.
    if (this.share && !this.held.peerAway && !this.pictureUp()) this.share.restartPeer(this.route);
    this.showReconnecting();
  }

  private resumeRefused(message: ServerMessageOf<'error'>): void {
    if (message.code === 'resume-expired') return this.finish('connection-lost', 'now');
    console.warn('resuming failed; trying again', message.code);
    this.connection.retry();
  }

  private consentRecorded(message: ServerMessageOf<'consent.recorded'>): void {
    if (!this.agent) return;
    this.consentReceipt = { receipt: message.receipt, at: message.at, agent: this.agent };
    this.publish(this.current);
  }

  private peerPresence(message: ServerMessageOf<'session.peer'>): void {
    this.held.peerAway = message.state === 'away';
    if (message.state === 'back' && this.share && (message.needsNewPeer || !this.pictureUp())) {
      this.share.restartPeer(this.route);
      if (this.current.step === 'sharing') this.update({ ...this.current, connected: false, words: null });
    }
    this.showReconnecting();
  }

  /** The connection to the agent is up (in the sharing step: with the picture). */
  private pictureUp(): boolean {
    return this.share !== null && this.share.connected && !this.share.peerLost;
  }

  private isReconnecting(): boolean {
    return !this.connection.isOpen || this.held.peerAway;
  }

  private showReconnecting(): void {
    if (this.current.step !== 'sharing') return;
    const reconnecting = this.isReconnecting();
    if (reconnecting !== this.current.reconnecting) this.update({ ...this.current, reconnecting });
    // Back together with a dead picture: the usual short wait for an explanation applies again.
    if (!reconnecting && this.share?.peerLost) this.peerLost();
  }

  private endByCustomer(message: EndMessage, outcome: EndOutcome): void {
    this.send(message);
    this.finish(outcome, 'linger');
  }

  /**
   * Leaves the session for good: media stopped, peer destroyed, socket closed (after a short
   * linger when we told the server ourselves, so our message and its answer are not cut off).
   */
  private finish(outcome: EndOutcome, socket: 'now' | 'linger'): void {
    this.timers.clear('peerLoss');
    this.claim.stop();
    this.memory.clear();
    this.held = freshResumeState();
    this.screenList.stop();
    this.marks.clear();
    this.captureAttempt++;
    const share = this.share;
    this.share = null;
    if (share) {
      const wasSharing = share.stream !== null;
      share.stop();
      if (wasSharing) this.deps.platform.setSharingState(false);
    }
    const link = this.connection.detach();
    if (link && socket === 'linger' && link.isOpen) this.closeSoon(link);
    else link?.close();
    this.move('end', { step: 'ended', outcome, agent: this.agent });
  }

  private sessionAgent(): AgentIdentity | null {
    return isInSession(this.current) ? this.current.agent : null;
  }
}
