import type { BrowserWindow, Event } from 'electron';
import type { SharingStateStore } from './sharingState';

/**
 * Closing the customer window while sharing must not just cut the connection: the page is asked
 * to stop (it sends session.end so the agent sees "Ended by the customer"), and the window closes
 * once the page reports it stopped, or after a grace period if the page does not answer.
 */
export type ClosableWindow = Pick<BrowserWindow, 'close' | 'isDestroyed'> & {
  on(event: 'close', listener: (event: Event) => void): unknown;
};

export interface CloseGuardDeps {
  window: ClosableWindow;
  sharing: SharingStateStore;
  /** Ask the page to stop sharing (Push.stopRequested). */
  requestStop(): void;
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** How long the page gets to stop before the window closes anyway. */
  graceMs?: number;
  /** After the page stopped: time for session.end to leave the socket before the page dies. */
  flushMs?: number;
}

export function closeCleanlyWhileSharing(deps: CloseGuardDeps): void {
  const graceMs = deps.graceMs ?? 3000;
  const flushMs = deps.flushMs ?? 300;
  let closing = false;
  let mayClose = false;

  const closeNow = () => {
    mayClose = true;
    if (!deps.window.isDestroyed()) deps.window.close();
  };

  deps.window.on('close', (event: Event) => {
    if (mayClose || !deps.sharing.get().sharing) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    let stopWatching = () => {};
    const deadline = deps.timers.setTimeout(() => {
      stopWatching();
      closeNow();
    }, graceMs);
    stopWatching = deps.sharing.onChange((state) => {
      if (state.sharing) return;
      stopWatching();
      deps.timers.clearTimeout(deadline);
      deps.timers.setTimeout(closeNow, flushMs);
    });
    deps.requestStop();
  });
}
