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
import type { CreateSenderPeer, SenderPeer } from './senderPeer';

/** No answer to a key within this time: the server is treated as unreachable. */
export const CLAIM_TIMEOUT_MS = 15_000;
/** After the peer connection drops, wait this long for the server to say why before calling it lost. */
export const PEER_LOSS_GRACE_MS = 3_000;
/** After ending, keep the socket open this long so the server's confirmation can arrive. */
export const LINGER_MS = 2_000;
export const PICKER_REFRESH_MS = 2_000;

export interface FlowDeps {
  platform: Platform;
  connect: ConnectLink;
  createPeer: CreateSenderPeer;
  clock: Clock;
  locale(): string;
}

type Listener = (state: FlowState) => void;
type TimerName = 'claim' | 'unblock' | 'peerLoss';
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
  private stream: MediaStream | null = null;
  private peer: SenderPeer | null = null;
  private readonly timers = new Map<TimerName, unknown>();
  private pickerRefresh: unknown = null;

  constructor(private readonly deps: FlowDeps) {
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
    this.startTimer('claim', CLAIM_TIMEOUT_MS, () => {
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
    if (this.current.step !== 'picker') return;
    this.stopPickerRefresh();
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
    link.on('signal', mine((message) => this.peer?.signal(message.data)));
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
    this.clearTimer('claim');
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
    this.clearTimer('claim');
    this.pendingClaim = null;
    const blockedUntil = message.retryAfterMs === undefined ? null : this.deps.clock.now() + message.retryAfterMs;
    this.keyRefused(claimProblem(message), blockedUntil);
  }

  private keyRefused(problem: Problem, blockedUntil: number | null = null): void {
    this.clearTimer('claim');
    this.pendingClaim = null;
    if (this.current.step !== 'key') return;
    this.set({ ...this.current, busy: false, problem, blockedUntil });
    if (blockedUntil === null) return;
    this.startTimer('unblock', Math.max(0, blockedUntil - this.deps.clock.now()), () => {
      // The "wait N minutes" text would be stale now: clear it along with the block.
      if (this.current.step === 'key') this.set({ ...this.current, blockedUntil: null, problem: null });
    });
  }

  private sessionEnded(message: ServerMessageOf<'session.ended'>): void {
    if (isInSession(this.current)) this.finish(outcomeFromEnded(message.by, message.reason), 'now');
  }

  private async prepareCapture(): Promise<void> {
    const agent = this.sessionAgent();
    if (!agent) return;
    const { platform } = this.deps;
    try {
      if ((await platform.capturePermission()) === 'needs-settings') {
        if (isInSession(this.current)) this.set({ step: 'permission', agent });
        return;
      }
      this.send({ type: 'share.state', state: 'choosing' });
      const screens = await platform.listScreens();
      if (!isInSession(this.current)) return;
      const only = screens[0];
      if (screens.length > 1) {
        this.set({ step: 'picker', agent, screens });
        this.startPickerRefresh();
        return;
      }
      if (only) await platform.chooseScreen(only.id);
    } catch (error) {
      console.warn('could not prepare the screen capture', error);
    }
    await this.capture();
  }

  private startPickerRefresh(): void {
    this.stopPickerRefresh();
    this.pickerRefresh = this.deps.clock.setInterval(() => {
      this.deps.platform
        .listScreens()
        .then((screens) => {
          const state = this.current;
          if (state.step === 'picker' && screens.length > 0) this.set({ ...state, screens });
        })
        .catch((error: unknown) => console.warn('could not refresh the screens', error));
    }, PICKER_REFRESH_MS);
  }

  private stopPickerRefresh(): void {
    if (this.pickerRefresh !== null) this.deps.clock.clearInterval(this.pickerRefresh);
    this.pickerRefresh = null;
  }

  private async capture(): Promise<void> {
    const agent = this.sessionAgent();
    if (!agent) return;
    const attempt = ++this.captureAttempt;
    this.set({ step: 'choosing', agent, browserDialog: this.deps.platform.client === 'web' });
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
    this.stream = stream;
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => {
        if (this.stream === stream) this.stop();
      });
    }
    link.send({ type: 'share.state', state: 'sharing' });
    let created: SenderPeer | null = null;
    const ifCurrent = (handler: () => void) => () => {
      if (created !== null && this.peer === created) handler();
    };
    created = this.deps.createPeer({
      stream,
      iceServers: link.iceServers,
      onSignal: (data) => link.send({ type: 'signal', data }),
      onConnect: ifCurrent(() => {
        this.clearTimer('peerLoss');
        if (this.current.step === 'sharing') this.set({ ...this.current, connected: true });
      }),
      onClose: ifCurrent(() => this.peerLost()),
      onError: (error) => {
        console.warn('the screen connection failed', error);
        ifCurrent(() => this.peerLost())();
      },
    });
    this.peer = created;
    this.set({ step: 'sharing', agent, connected: false });
    this.deps.platform.setSharingState(true, agent.displayName);
  }

  /** The picture connection dropped; if the server does not explain it soon, call it lost. */
  private peerLost(): void {
    if (this.current.step !== 'sharing' || this.timers.has('peerLoss')) return;
    this.startTimer('peerLoss', PEER_LOSS_GRACE_MS, () => {
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
    const wasSharing = this.stream !== null;
    for (const name of ['claim', 'peerLoss', 'unblock'] as const) this.clearTimer(name);
    this.stopPickerRefresh();
    this.captureAttempt++;
    const peer = this.peer;
    this.peer = null;
    peer?.destroy();
    const stream = this.stream;
    this.stream = null;
    for (const track of stream?.getTracks() ?? []) track.stop();
    if (wasSharing) this.deps.platform.setSharingState(false);
    const link = this.link;
    this.link = null;
    if (link && socket === 'linger' && link.isOpen) this.closeSoon(link);
    else link?.close();
    this.set({ step: 'ended', outcome, agent: this.agent });
  }

  private sessionAgent(): AgentIdentity | null {
    return isInSession(this.current) ? this.current.agent : null;
  }

  private startTimer(name: TimerName, ms: number, callback: () => void): void {
    this.clearTimer(name);
    this.timers.set(
      name,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(name);
        callback();
      }, ms),
    );
  }

  private clearTimer(name: TimerName): void {
    if (!this.timers.has(name)) return;
    this.deps.clock.clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }
}
