import type { AgentIdentity, ServerMessageOf } from '../../../signaling/protocol';
import type { Clock } from '../../shared/clock';
import { claimProblem, UNREACHABLE } from './claimProblem';
import type { CustomerLink } from './customerLink';
import type { StateOf } from './flowState';
import type { FlowSteps } from './flowSteps';
import { KeyClaim } from './keyClaim';
import { localKeyProblem } from './keyProblem';
import type { Problem } from './problem';
import type { SessionLink } from './sessionLink';

export interface KeyEntryEvents {
  /** The server accepted the key: `agent` asks to see the screen. */
  accepted(agent: AgentIdentity): void;
  /** The key was right and is still unused; its agent now knows this browser cannot share. */
  agentTold(agent: AgentIdentity): void;
}

/** The key screen as it first shows; a browser that cannot capture says so before anything is typed. */
export function keyStep(keyText: string, canCapture: boolean): StateOf<'key'> {
  return { step: 'key', keyText, busy: false, problem: null, blockedUntil: null, unsupported: !canCapture };
}

/**
 * The key step: what is typed, the socket opened at the first digit, the key sent on "Continue"
 * and the server's answer to it (accepted, refused, blocked for a while, or no answer at all).
 */
export class KeyEntry {
  private readonly claim: KeyClaim;

  constructor(
    private readonly steps: FlowSteps,
    private readonly link: SessionLink,
    private readonly clock: Clock,
    private readonly canCapture: () => boolean,
    private readonly events: KeyEntryEvents,
  ) {
    this.claim = new KeyClaim(clock);
  }

  /**
   * Remembers what is typed so a re-render never loses it; nothing to show, so no update. The
   * first digit opens the socket to the server, so "Continue" only has to send the key.
   */
  edit(keyText: string): void {
    const state = this.steps.state;
    if (state.step !== 'key') return;
    this.steps.keep({ ...state, keyText });
    if (keyText.trim() !== '') this.connectAhead();
  }

  async submit(keyText: string): Promise<void> {
    const state = this.steps.state;
    if (state.step !== 'key' || state.busy || state.blockedUntil !== null) return;
    const problem = localKeyProblem(keyText);
    if (problem) return this.steps.update({ ...state, keyText, problem });
    this.steps.update({ ...state, keyText, busy: true, problem: null });
    let link: CustomerLink;
    try {
      link = await this.link.open();
    } catch (error) {
      console.warn('could not connect to the signaling server', error);
      return this.refused(UNREACHABLE);
    }
    this.claim.send(link, keyText, this.canCapture(), () => {
      this.link.close();
      this.refused(UNREACHABLE);
    });
  }

  accepted(message: ServerMessageOf<'key.accepted'>): void {
    if (this.answersClaim(message.ref)) this.events.accepted(message.agent);
  }

  agentTold(message: ServerMessageOf<'key.agentTold'>): void {
    if (this.answersClaim(message.ref)) this.events.agentTold(message.agent);
  }

  /** An error from the server: false when it does not answer our key. */
  serverError(message: ServerMessageOf<'error'>): boolean {
    if (!this.answersClaim(message.ref)) return false;
    const blockedUntil = message.retryAfterMs === undefined ? null : this.clock.now() + message.retryAfterMs;
    this.refused(claimProblem(message), blockedUntil);
    return true;
  }

  /** The socket closed: a key still waiting for its answer will not get one. */
  linkDropped(): void {
    const state = this.steps.state;
    if (state.step === 'key' && state.busy) this.refused(UNREACHABLE);
  }

  /** No wait and no block survive the session (or the page dropping the flow). */
  stop(): void {
    this.claim.stop();
  }

  /** Opens the socket early; a failure is not shown here: "Continue" tries again and says so. */
  private connectAhead(): void {
    if (this.link.phase !== 'idle') return;
    this.link.open().catch((error: unknown) => console.warn('could not connect to the signaling server yet', error));
  }

  /** Whether a reply is the answer to the key we are waiting on; if so, we stop waiting. */
  private answersClaim(ref: string | undefined): boolean {
    const state = this.steps.state;
    return state.step === 'key' && state.busy && this.claim.answers(ref);
  }

  private refused(problem: Problem, blockedUntil: number | null = null): void {
    this.claim.settle();
    const state = this.steps.state;
    if (state.step !== 'key') return;
    this.steps.update({ ...state, busy: false, problem, blockedUntil });
    if (blockedUntil === null) return;
    this.claim.blockUntil(blockedUntil, () => {
      // The "wait N minutes" text would be stale now: clear it along with the block.
      const now = this.steps.state;
      if (now.step === 'key') this.steps.update({ ...now, blockedUntil: null, problem: null });
    });
  }
}
