import type { AgentIdentity, CustomerMessageOf, ServerMessageOf } from '../../../signaling/protocol';
import type { Platform } from '../platform/platform';
import type { Clock } from '../../shared/clock';
import type { ConnectLink, CustomerLink } from './customerLink';
import { outcomeFromEnded, type EndOutcome } from './endOutcome';
import { isInSession, leaveReason, type FlowState } from './flowState';
import { FlowSteps, type FlowListener } from './flowSteps';
import type { ConsentReceipt, ShownConsent } from './consentReceipt';
import { KeyEntry, keyStep } from './keyEntry';
import type { CreateSenderPeer } from './senderPeer';
import { noResumeMemory, type ResumeMemory } from './resumeMemory';
import { ScreenCapture } from './screenCapture';
import { ScreenSharing } from './screenSharing';
import { listenToServer } from './serverMessages';
import { SessionLink } from './sessionLink';
import { SessionResume } from './sessionResume';

export { CLAIM_TIMEOUT_MS } from './keyClaim';
export { PEER_LOSS_GRACE_MS } from './screenSharing';
export { LINGER_MS, MAX_SILENT_PEER_RESTARTS } from './sessionLink';
export type { ConsentReceipt, ShownConsent } from './consentReceipt';

export interface FlowDeps {
  platform: Platform;
  connect: ConnectLink;
  createPeer: CreateSenderPeer;
  clock: Clock;
  locale(): string;
  /** Keeps the resume token across a reload (sessionStorage in the page); none: no resume after reload. */
  resumeMemory?: ResumeMemory;
}

/**
 * The customer's whole journey: key → consent → (permission, picker) → sharing → ended. Views
 * render `state` and call the action methods; every way out of a session goes through finish().
 * The key step is KeyEntry's, the socket SessionLink's and the way back into a session
 * SessionResume's, the capture ScreenCapture's and the share ScreenSharing's; this class answers
 * the customer and the server and hands each to the one whose job it is.
 */
export class CustomerFlow {
  private readonly steps: FlowSteps;
  private readonly link: SessionLink;
  private readonly capture: ScreenCapture;
  private readonly sharing: ScreenSharing;
  private readonly sessionResume: SessionResume;
  private agent: AgentIdentity | null = null;
  private readonly keys: KeyEntry;
  private consentReceipt: ConsentReceipt | null = null;

  constructor(private readonly deps: FlowDeps) {
    const memory = deps.resumeMemory ?? noResumeMemory;
    const connect = () => deps.connect({ serverOrigin: deps.platform.serverOrigin(), client: deps.platform.client, locale: deps.locale() });
    this.link = new SessionLink(connect, deps.clock, memory, {
      attached: (link) => this.listen(link),
      dropped: () => this.linkDropped(),
      gaveUp: () => this.finish('connection-lost', 'now'),
      hasPeer: () => this.sharing.hasPeer,
    });
    const initial = deps.platform.initialKey();
    this.steps = new FlowSteps(keyStep(initial?.key ?? '', deps.platform.canCapture()));
    this.keys = new KeyEntry(this.steps, this.link, deps.clock, () => deps.platform.canCapture(), {
      accepted: (agent) => {
        this.agent = agent;
        this.showConsent('key-accepted', agent);
      },
      agentTold: (agent) => {
        this.agent = agent;
        this.finish('unsupported', 'now');
      },
    });
    this.sharing = new ScreenSharing(deps.platform, deps.createPeer, deps.clock, this.steps, this.link, {
      captureEnded: () => this.stop(),
      pictureLost: () => this.finish('connection-lost', 'now'),
    });
    this.capture = new ScreenCapture(deps.platform, deps.clock, this.steps, this.link, this.sharing);
    this.sessionResume = new SessionResume(this.steps, this.link, this.sharing, {
      agent: () => this.agent,
      agentNamed: (agent) => {
        this.agent = agent;
      },
      backBeforeConsent: (agent) => this.showConsent('resumed-before-consent', agent),
      lost: () => this.finish('connection-lost', 'now'),
    });
    deps.platform.onKeyDelivered((key) => this.deliverKey(key));
    deps.platform.onStopRequested(() => this.stop());
    deps.platform.onPauseRequested((paused) => this.sharing.setPaused(paused));
    if (!this.sessionResume.afterReload(memory.load()) && initial?.submit) void this.submitKey(initial.key);
  }

  get state(): FlowState {
    return this.steps.state;
  }

  /** Shown once the consent is recorded, until the customer starts over with a new key. */
  get receipt(): ConsentReceipt | null {
    return this.consentReceipt;
  }

  subscribe(listener: FlowListener): () => void {
    return this.steps.subscribe(listener);
  }

  // ---- key entry ----

  /** Remembers what is typed (see KeyEntry.edit: the first digit opens the socket). */
  editKey(keyText: string): void {
    this.keys.edit(keyText);
  }

  submitKey(keyText: string): Promise<void> {
    return this.keys.submit(keyText);
  }

  /** A key from a deep link: fill it in and continue, unless a share is already under way. */
  deliverKey(key: string): void {
    if (this.steps.state.step === 'ended') this.startOver();
    const state = this.steps.state;
    if (state.step === 'key' && !state.busy) void this.submitKey(key);
  }

  // ---- consent, permission, picker ----

  accept(shown?: ShownConsent): void {
    if (this.steps.state.step !== 'consent') return;
    this.link.send({ type: 'consent', decision: 'accept', ...shown });
    void this.capture.prepare();
  }

  decline(): void {
    if (this.steps.state.step !== 'consent') return;
    this.link.send({ type: 'consent', decision: 'decline' });
    this.finish('declined', 'linger');
  }

  openPermissionSettings(): void {
    this.deps.platform.openPermissionSettings().catch((error: unknown) => console.warn(error));
  }

  recheckPermission(): void {
    if (this.steps.state.step === 'permission') void this.capture.prepare();
  }

  chooseScreen(id: string): Promise<void> {
    return this.capture.chooseScreen(id);
  }

  retryCapture(): void {
    if (this.steps.state.step === 'capture-problem') void this.capture.prepare();
  }

  /** Give up sharing from the picker, the permission help or a failed capture. */
  cancel(): void {
    const step = this.steps.state.step;
    if (step === 'picker') this.endByCustomer({ type: 'session.end', reason: 'declined' }, 'declined');
    if (step === 'permission' || step === 'capture-problem') {
      this.endByCustomer({ type: 'session.end', reason: 'capture-failed' }, 'cancelled');
    }
  }

  // ---- sharing ----

  /** After a reload mid-share: capture the screen again (the browser needs this click). */
  continueSharing(): void {
    if (this.steps.state.step === 'resume-share') void this.capture.prepare();
  }

  /** "Stop sharing", the browser's own stop control, or the desktop indicator. */
  stop(): void {
    const step = this.steps.state.step;
    if (step !== 'sharing' && step !== 'choosing' && step !== 'resume-share') return;
    this.endByCustomer({ type: 'session.end', reason: 'stopped' }, 'stopped');
  }

  /** "Pause": the agent keeps the session but gets no new picture; nothing needs consenting again. */
  pause(): void {
    this.sharing.setPaused(true);
  }

  resume(): void {
    this.sharing.setPaused(false);
  }

  /** The customer's switch for the agent's pointer and drawings. */
  setMarksShown(shown: boolean): void {
    this.sharing.setMarksShown(shown);
  }

  /** The captured screen while sharing (the page previews it with the agent's marks on it). */
  get sharedStream(): MediaStream | null {
    return this.sharing.stream;
  }

  startOver(): void {
    if (this.steps.state.step !== 'ended') return;
    this.consentReceipt = null;
    this.steps.move('start-over', keyStep('', this.deps.platform.canCapture()));
  }

  /** The page is being closed: tell the server now, there is no later. */
  leave(): void {
    const reason = leaveReason(this.steps.state);
    if (reason !== null) this.link.send({ type: 'session.end', reason });
  }

  /**
   * The page that hosts this flow drops it for a new one (the chat's "Share screen" again after a
   * start that failed): its waits end and its socket closes, so nothing of it lingers on the server.
   */
  discard(): void {
    this.leave();
    this.keys.stop();
    this.link.close();
  }

  // ---- the server's answers ----

  /** A new socket: the server's messages reach the flow only while it is the current one. */
  private listen(link: CustomerLink): void {
    listenToServer(link, () => this.link.isCurrent(link), {
      'key.accepted': (message) => this.keys.accepted(message),
      'key.agentTold': (message) => this.keys.agentTold(message),
      error: (message) => this.serverError(message),
      'session.ended': (message) => this.sessionEnded(message),
      signal: (message) => this.sharing.signal(message.data),
      'session.ice': (message) => this.sharing.useIceServers(message.iceServers),
      'session.token': (message) => this.sessionResume.tokenReceived(message),
      'session.resumed': (message) => this.sessionResume.resumed(message),
      'session.peer': (message) => this.sessionResume.peerPresence(message),
      'consent.recorded': (message) => this.consentRecorded(message),
    });
  }

  /** The socket closed without us asking. */
  private linkDropped(): void {
    if (this.sessionResume.linkDropped()) return;
    if (isInSession(this.steps.state)) this.finish('connection-lost', 'now');
    else this.keys.linkDropped();
  }

  private showConsent(event: 'key-accepted' | 'resumed-before-consent', agent: AgentIdentity): void {
    if (this.steps.move(event, { step: 'consent', agent })) this.sharing.connectEarly();
  }

  private serverError(message: ServerMessageOf<'error'>): void {
    if (this.sessionResume.serverError(message) || this.keys.serverError(message)) return;
    console.warn('the server reported a problem', message.code, message.message);
  }

  private sessionEnded(message: ServerMessageOf<'session.ended'>): void {
    const state = this.steps.state;
    if (isInSession(state) || state.step === 'resuming') this.finish(outcomeFromEnded(message.by, message.reason), 'now');
  }

  private consentRecorded(message: ServerMessageOf<'consent.recorded'>): void {
    if (!this.agent) return;
    this.consentReceipt = { receipt: message.receipt, at: message.at, agent: this.agent };
    this.steps.publish();
  }

  // ---- the end ----

  private endByCustomer(message: CustomerMessageOf<'session.end'>, outcome: EndOutcome): void {
    this.link.send(message);
    this.finish(outcome, 'linger');
  }

  /**
   * Leaves the session for good: media stopped, peer destroyed, socket closed (after a short
   * linger when we told the server ourselves, so our message and its answer are not cut off).
   */
  private finish(outcome: EndOutcome, socket: 'now' | 'linger'): void {
    this.keys.stop();
    this.capture.stop();
    this.sharing.release();
    this.link.end(socket);
    this.steps.move('end', { step: 'ended', outcome, agent: this.agent });
  }
}
