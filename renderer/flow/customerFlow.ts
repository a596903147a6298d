import { normalizeKey, type AgentIdentity, type CustomerMessageOf, type ServerMessageOf } from '../../signaling/protocol';
import { classifyCaptureError } from '../platform/captureError';
import type { Platform } from '../platform/platform';
import { claimProblem, UNREACHABLE } from './claimProblem';
import type { Clock } from './clock';
import type { ConnectLink, CustomerLink } from './customerLink';
import { outcomeFromEnded, type EndOutcome } from './endOutcome';
import { isInSession, leaveReason, type FlowState } from './flowState';
import { localKeyProblem } from './keyProblem';
import type { Problem } from './problem';
import { NamedTimers } from './namedTimers';
import { firstCaptureStep, LiveScreenList, type CaptureStart } from './screenChoice';
import type { CreateSenderPeer } from './senderPeer';
import { ActiveShare } from './activeShare';

/** No answer to a key within this time: the server is treated as unreachable. */
export const CLAIM_TIMEOUT_MS = 15_000;
/** After the peer connection drops, wait this long for the server to say why before calling it lost. */
export const PEER_LOSS_GRACE_MS = 3_000;
/** After ending, keep the socket open this long so the server's confirmation can arrive. */
export const LINGER_MS = 2_000;

export interface FlowDeps {
  platform: Platform;
  connect: ConnectLink;
  createPeer: CreateSenderPeer;
  clock: Clock;
  locale(): string;
}

type Listener = (state: FlowState) => void;
type EndMessage = CustomerMessageOf<'session.end'>;

/**
 * The customer's whole journey: key → consent → (permission, picker) → sharing → ended. Views
 * render `state` and call the action methods; every way out of a session goes through finish().
 */
export class CustomerFlow {
  private current: FlowState;
  private readonly listeners = new Set<Listener>();
  private link: CustomerLink | null = null;
  private agent: AgentIdentity | null = null;
  private pendingClaim: string | null = null;
  private claimCount = 0;
  private captureAttempt = 0;
  private share: ActiveShare | null = null;
  private readonly timers: NamedTimers<'claim' | 'unblock' | 'peerLoss'>;
  private readonly screenList: LiveScreenList;

  constructor(private readonly deps: FlowDeps) {
    this.timers = new NamedTimers(deps.clock);
    this.screenList = new LiveScreenList(deps.platform, deps.clock);
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
    if (initial?.submit) void this.submitKey(initial.key);
  }

  get state(): FlowState {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- key entry ----

  /** Remembers what is typed so a re-render never loses it; nothing to show, so no update. */
  editKey(keyText: string): void {
    if (this.current.step === 'key') this.current = { ...this.current, keyText };
  }

  async submitKey(keyText: string): Promise<void> {
    const state = this.current;
    if (state.step !== 'key' || state.busy || state.blockedUntil !== null) return;
    const problem = localKeyProblem(keyText);
    if (problem) return this.set({ ...state, keyText, problem });
    this.set({ ...state, keyText, busy: true, problem: null });
    let link: CustomerLink;
    try {
      link = await this.openLink();
    } catch (error) {
      console.warn('could not connect to the signaling server', error);
      return this.keyRefused(UNREACHABLE);
    }
    const ref = `claim-${++this.claimCount}`;
    this.pendingClaim = ref;
    link.send({ type: 'key.claim', key: normalizeKey(keyText), ref });
    this.timers.start('claim', CLAIM_TIMEOUT_MS, () => {
      this.dropLink();
      this.keyRefused(UNREACHABLE);
    });
  }

  /** A key from a deep link: fill it in and continue, unless a share is already under way. */
  deliverKey(key: string): void {
    if (this.current.step === 'ended') this.startOver();
    if (this.current.step === 'key' && !this.current.busy) void this.submitKey(key);
  }

  // ---- consent, permission, picker ----

  accept(): void {
    if (this.current.step !== 'consent') return;
    this.send({ type: 'consent', decision: 'accept' });
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

  /** "Stop sharing", the browser's own stop control, or the desktop indicator. */
  stop(): void {
    if (this.current.step !== 'sharing' && this.current.step !== 'choosing') return;
    this.endByCustomer({ type: 'session.end', reason: 'stopped' }, 'stopped');
  }

  startOver(): void {
    if (this.current.step !== 'ended') return;
    this.set({
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

  // ---- internals ----

  private set(next: FlowState): void {
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }

  private send(message: Parameters<CustomerLink['send']>[0]): void {
    this.link?.send(message);
  }

  private async openLink(): Promise<CustomerLink> {
    if (this.link?.isOpen) return this.link;
    this.dropLink();
    const { platform } = this.deps;
    const link = await this.deps.connect({
      serverOrigin: platform.serverOrigin(),
      client: platform.client,
      locale: this.deps.locale(),
    });
    this.link = link;
    const mine = <A extends unknown[]>(handler: (...args: A) => void) => (...args: A) => {
      if (this.link === link) handler(...args);
    };
    link.on('key.accepted', mine((message) => this.keyAccepted(message)));
    link.on('error', mine((message) => this.serverError(message)));
    link.on('session.ended', mine((message) => this.sessionEnded(message)));
    link.on('signal', mine((message) => this.share?.signal(message.data)));
    link.onClose(
      mine((closed) => {
        this.link = null;
        if (closed.byUs) return;
        if (isInSession(this.current)) this.finish('connection-lost', 'now');
        else if (this.current.step === 'key' && this.current.busy) this.keyRefused(UNREACHABLE);
      }),
    );
    return link;
  }

  private dropLink(): void {
    const link = this.link;
    this.link = null;
    link?.close();
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
    if (this.current.step !== 'key' || !this.current.busy) return;
    if (message.ref !== undefined && message.ref !== this.pendingClaim) return;
    this.timers.clear('claim');
    this.pendingClaim = null;
    this.agent = message.agent;
    if (!this.deps.platform.canCapture()) {
      this.endByCustomer({ type: 'session.end', reason: 'capture-failed' }, 'unsupported');
      return;
    }
    this.set({ step: 'consent', agent: message.agent });
  }

  private serverError(message: ServerMessageOf<'error'>): void {
    const claiming = this.current.step === 'key' && this.current.busy;
    if (!claiming || (message.ref !== undefined && message.ref !== this.pendingClaim)) {
      console.warn('the server reported a problem', message.code, message.message);
      return;
    }
    this.timers.clear('claim');
    this.pendingClaim = null;
    const blockedUntil = message.retryAfterMs === undefined ? null : this.deps.clock.now() + message.retryAfterMs;
    this.keyRefused(claimProblem(message), blockedUntil);
  }

  private keyRefused(problem: Problem, blockedUntil: number | null = null): void {
    this.timers.clear('claim');
    this.pendingClaim = null;
    if (this.current.step !== 'key') return;
    this.set({ ...this.current, busy: false, problem, blockedUntil });
    if (blockedUntil === null) return;
    this.timers.start('unblock', Math.max(0, blockedUntil - this.deps.clock.now()), () => {
      // The "wait N minutes" text would be stale now: clear it along with the block.
      if (this.current.step === 'key') this.set({ ...this.current, blockedUntil: null, problem: null });
    });
  }

  private sessionEnded(message: ServerMessageOf<'session.ended'>): void {
    if (isInSession(this.current)) this.finish(outcomeFromEnded(message.by, message.reason), 'now');
  }

  /** Shown at once after a click, so a second click cannot start a second capture. */
  private showChoosing(agent: AgentIdentity): void {
    this.set({ step: 'choosing', agent, browserDialog: this.deps.platform.client === 'web' });
  }

  private async prepareCapture(): Promise<void> {
    const agent = this.sessionAgent();
    if (!agent) return;
    this.showChoosing(agent);
    let start: CaptureStart = { next: 'capture' };
    try {
      start = await firstCaptureStep(this.deps.platform);
    } catch (error) {
      console.warn('could not prepare the screen capture; trying anyway', error);
    }
    if (!isInSession(this.current)) return;
    if (start.next === 'permission') return this.set({ step: 'permission', agent });
    this.send({ type: 'share.state', state: 'choosing' });
    if (start.next === 'capture') return this.capture();
    this.set({ step: 'picker', agent, screens: start.screens });
    this.screenList.start((screens) => {
      if (this.current.step === 'picker') this.set({ ...this.current, screens });
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
        this.set({ step: 'capture-problem', agent, problem: classifyCaptureError(error) });
      }
      return;
    }
    const link = this.link;
    if (attempt !== this.captureAttempt || this.current.step !== 'choosing' || !link) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.startSharing(stream, link, agent);
  }

  private startSharing(stream: MediaStream, link: CustomerLink, agent: AgentIdentity): void {
    link.send({ type: 'share.state', state: 'sharing' });
    const share: ActiveShare = new ActiveShare(stream, link, this.deps.createPeer, {
      onCaptureEnded: () => this.stop(),
      onConnected: () => {
        this.timers.clear('peerLoss');
        if (this.current.step === 'sharing') this.set({ ...this.current, connected: true });
      },
      onPeerLost: (error) => {
        console.warn('the screen connection closed', error);
        this.peerLost();
      },
    });
    this.share = share;
    this.set({ step: 'sharing', agent, connected: false });
    this.deps.platform.setSharingState(true, agent.displayName);
  }

  /** The picture connection dropped; if the server does not explain it soon, call it lost. */
  private peerLost(): void {
    if (this.current.step !== 'sharing' || this.timers.has('peerLoss')) return;
    this.timers.start('peerLoss', PEER_LOSS_GRACE_MS, () => {
      // Closing the socket lets the server tell the agent "connection lost" rather than "ended".
      if (this.current.step === 'sharing') this.finish('connection-lost', 'now');
    });
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
    this.timers.clear('claim', 'peerLoss', 'unblock');
    this.screenList.stop();
    this.captureAttempt++;
    const share = this.share;
    this.share = null;
    if (share) {
      share.stop();
      this.deps.platform.setSharingState(false);
    }
    const link = this.link;
    this.link = null;
    if (link && socket === 'linger' && link.isOpen) this.closeSoon(link);
    else link?.close();
    this.set({ step: 'ended', outcome, agent: this.agent });
  }

  private sessionAgent(): AgentIdentity | null {
    return isInSession(this.current) ? this.current.agent : null;
  }
}
