import type { AgentIdentity, ShareSurface } from '../../../signaling/protocol';
import type { ScreenInfo } from '../../../preload/contract/desktopApi';
import type { CaptureProblem } from '../platform/captureError';
import type { EndOutcome } from './endOutcome';
import type { Problem } from './problem';
import type { MarksView } from './agentMarks';

/** The screens of the customer page, one per step; the page shows exactly one at a time. */
export type FlowState =
  | {
      step: 'key';
      keyText: string;
      busy: boolean;
      problem: Problem | null;
      /** Epoch ms until which "Continue" stays disabled after too many attempts. */
      blockedUntil: number | null;
      /** This browser cannot capture: the customer is told before typing anything. */
      unsupported: boolean;
    }
  | { step: 'consent'; agent: AgentIdentity }
  | { step: 'permission'; agent: AgentIdentity }
  | { step: 'picker'; agent: AgentIdentity; screens: ScreenInfo[] }
  /** `windows`: the customer may pick one window instead of a whole screen. */
  | { step: 'choosing'; agent: AgentIdentity; browserDialog: boolean; windows: boolean }
  | { step: 'capture-problem'; agent: AgentIdentity; problem: CaptureProblem }
  | {
      step: 'sharing';
      agent: AgentIdentity;
      /** A whole screen or one window. */
      surface: ShareSurface;
      connected: boolean;
      /** Our socket to the server is down, or the agent's is: "Reconnecting…" (the picture may still flow). */
      reconnecting: boolean;
      /** The customer held the picture back: no frame leaves the computer until "Resume". */
      paused: boolean;
      /** The connection's verification words, once the picture is connected. */
      words: string[] | null;
      /** The agent's pointer and drawn lines, while the customer shows them. */
      marks: MarksView;
      marksShown: boolean;
      /** The app draws the marks over the real screen (a whole screen is shared); else the page previews them. */
      marksOnScreen: boolean;
    }
  /** After a reload: picking the session up again with the saved resume token. */
  | { step: 'resuming'; agent: AgentIdentity | null }
  /** After a reload mid-share: the browser needs a click before it may capture the screen again. */
  | { step: 'resume-share'; agent: AgentIdentity }
  | { step: 'ended'; outcome: EndOutcome; agent: AgentIdentity | null };

export type Step = FlowState['step'];
export type StateOf<S extends Step> = Extract<FlowState, { step: S }>;

/** Steps during which the customer holds a claimed session on the server. */
const IN_SESSION: ReadonlySet<Step> = new Set([
  'consent',
  'permission',
  'picker',
  'choosing',
  'capture-problem',
  'sharing',
  'resume-share',
]);

export function isInSession(state: FlowState): state is Exclude<FlowState, { step: 'key' | 'ended' | 'resuming' }> {
  return IN_SESSION.has(state.step);
}

/** What to tell the server if the page is closed in this state. */
export function leaveReason(state: FlowState): 'stopped' | 'declined' | 'capture-failed' | null {
  switch (state.step) {
    case 'consent':
    case 'picker':
      return 'declined';
    case 'permission':
    case 'capture-problem':
      return 'capture-failed';
    case 'choosing':
    case 'sharing':
    case 'resume-share':
      return 'stopped';
    case 'key':
    case 'ended':
    case 'resuming':
      return null;
  }
}
