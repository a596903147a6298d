import type { TransitionTable } from '../../shared/connection/transitionTable';
import type { Step } from './flowState';

/** What moves the customer page from one screen (step) to another. */
export type FlowEvent =
  /** The server accepted the typed (or delivered) key. */
  | 'key-accepted'
  /** Accept, "Check again", a chosen screen, "Try again" or "Continue sharing": on to the browser's or app's capture. */
  | 'prepare-capture'
  /** macOS needs the Screen Recording permission first. */
  | 'needs-permission'
  /** The app sees several screens: the customer picks one. */
  | 'screens-listed'
  /** The capture was refused or failed. */
  | 'capture-failed'
  /** The screen is captured: the share starts. */
  | 'captured'
  /** After a reload: the session was waiting for consent. */
  | 'resumed-before-consent'
  /** After a reload: the screen was (being) shared; the browser needs a click to capture again. */
  | 'resumed-mid-share'
  /** Any way out of the session (either side, the server, a lost connection), or a browser that cannot share. */
  | 'end'
  /** "Enter a new key" (or a new key delivered by a link). */
  | 'start-over';

/**
 * The customer page's screens and the only ways between them. The flow moves only along this
 * table; changes within a step (busy, paused, connected, reconnecting…) are not transitions.
 */
export const CUSTOMER_FLOW: TransitionTable<Step, FlowEvent> = {
  key: { 'key-accepted': 'consent', end: 'ended' },
  consent: { 'prepare-capture': 'choosing', end: 'ended' },
  choosing: {
    'needs-permission': 'permission',
    'screens-listed': 'picker',
    'capture-failed': 'capture-problem',
    captured: 'sharing',
    end: 'ended',
  },
  permission: { 'prepare-capture': 'choosing', end: 'ended' },
  picker: { 'prepare-capture': 'choosing', end: 'ended' },
  'capture-problem': { 'prepare-capture': 'choosing', end: 'ended' },
  sharing: { end: 'ended' },
  resuming: { 'resumed-before-consent': 'consent', 'resumed-mid-share': 'resume-share', end: 'ended' },
  'resume-share': { 'prepare-capture': 'choosing', end: 'ended' },
  ended: { 'start-over': 'key' },
};
