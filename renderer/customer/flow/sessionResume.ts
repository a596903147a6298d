import type { AgentIdentity, ServerMessageOf } from '../../../signaling/protocol';
import { isInSession } from './flowState';
import type { FlowSteps } from './flowSteps';
import type { SavedResume } from './resumeMemory';
import type { ScreenSharing } from './screenSharing';
import type { SessionLink } from './sessionLink';

export interface SessionResumeEvents {
  /** Who asks to see the screen, as far as the flow knows (after a reload it may not). */
  agent(): AgentIdentity | null;
  /** The server named the agent in its resume reply. */
  agentNamed(agent: AgentIdentity): void;
  /** Back in after a reload, and the customer had not consented yet. */
  backBeforeConsent(agent: AgentIdentity): void;
  /** The session cannot be picked up again: it ends as lost. */
  lost(): void;
}

/**
 * The flow's side of getting back into its session: when a dropped socket is worth bringing
 * back, the resume token to keep, and what follows the server's reply to a resume (the step
 * after a reload, the held messages, a fresh peer, "Reconnecting…").
 */
export class SessionResume {
  constructor(
    private readonly steps: FlowSteps,
    private readonly link: SessionLink,
    private readonly sharing: ScreenSharing,
    private readonly events: SessionResumeEvents,
  ) {}

  /** A reload (or a crash) in the middle of a session: pick it up instead of asking for a key. False without one. */
  afterReload(saved: SavedResume | null): boolean {
    if (!saved) return false;
    if (saved.agent) this.events.agentNamed(saved.agent);
    this.steps.keep({ step: 'resuming', agent: saved.agent });
    this.link.resumeSaved(saved);
    return true;
  }

  /** Our socket dropped: false unless we are in a session we hold a token for (it is being brought back then). */
  linkDropped(): boolean {
    const state = this.steps.state;
    if ((!isInSession(state) && state.step !== 'resuming') || !this.link.resumable) return false;
    this.linkLost();
    return true;
  }

  tokenReceived(message: ServerMessageOf<'session.token'>): void {
    const state = this.steps.state;
    if (!isInSession(state) && state.step !== 'resuming' && !(state.step === 'key' && state.busy)) return;
    this.link.saveToken(message, this.events.agent());
  }

  resumed(message: ServerMessageOf<'session.resumed'>): void {
    if (!this.link.answersResume(message.ref)) return;
    this.link.recovered(message.peer === 'away');
    if (message.agent) this.events.agentNamed(message.agent);
    const agent = this.events.agent();
    if (this.steps.state.step === 'resuming') {
      if (!agent) return this.events.lost();
      if (message.phase === 'key-entered') return this.events.backBeforeConsent(agent);
      if (message.phase === 'choosing-screen' || message.phase === 'sharing') {
        return void this.steps.move('resumed-mid-share', { step: 'resume-share', agent });
      }
      return this.events.lost();
    }
    this.link.flushHeld();
    this.sharing.resumed();
  }

  /** An error from the server: false when it does not answer our resume. */
  serverError(message: ServerMessageOf<'error'>): boolean {
    if (!this.link.answersResume(message.ref)) return false;
    if (message.code === 'resume-expired') this.events.lost();
    else this.link.retryResume(message.code);
    return true;
  }

  peerPresence(message: ServerMessageOf<'session.peer'>): void {
    this.link.peerPresence(message.state);
    this.sharing.peerPresence(message);
  }

  /** Keep everything (the picture may still flow) and reconnect. */
  private linkLost(): void {
    this.link.lost();
    this.sharing.showReconnecting();
  }
}
