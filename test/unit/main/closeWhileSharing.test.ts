import { strict as assert } from 'node:assert';
import type { Event } from 'electron';
import { closeCleanlyWhileSharing, type ClosableWindow } from '../../../main/closeWhileSharing';
import { createSharingState } from '../../../main/sharingState';
import { ManualTimers, stub } from './fakes';

class FakeWindow implements ClosableWindow {
  closeListener?: (event: Event) => void;
  closed = false;
  on(_name: 'close', listener: (event: Event) => void): this {
    this.closeListener = listener;
    return this;
  }
  /** Like BrowserWindow.close(): emits 'close', closes unless a listener prevented it. */
  close(): void {
    let prevented = false;
    this.closeListener?.(stub<Event>({ preventDefault: () => void (prevented = true) }));
    if (!prevented) this.closed = true;
  }
  isDestroyed(): boolean {
    return this.closed;
  }
}

function setup() {
  const window = new FakeWindow();
  const sharing = createSharingState();
  const timers = new ManualTimers();
  let stopRequests = 0;
  closeCleanlyWhileSharing({ window, sharing, requestStop: () => void stopRequests++, timers, graceMs: 3000, flushMs: 300 });
  return { window, sharing, timers, stopRequests: () => stopRequests };
}

describe('closing the customer window', () => {
  it('closes at once when nothing is shared', () => {
    const { window, stopRequests } = setup();
    window.close();
    assert.equal(window.closed, true);
    assert.equal(stopRequests(), 0);
  });

  it('while sharing, first asks the page to stop (so the agent is told), then closes', () => {
    const { window, sharing, timers, stopRequests } = setup();
    sharing.set({ sharing: true, agentName: 'Alice' });
    window.close();
    assert.equal(window.closed, false, 'still open: the page must send session.end first');
    assert.equal(stopRequests(), 1);
    window.close();
    assert.equal(stopRequests(), 1, 'a second click does not ask again');
    sharing.set({ sharing: false });
    timers.advance(299);
    assert.equal(window.closed, false, 'time for session.end to leave the socket');
    timers.advance(1);
    assert.equal(window.closed, true);
  });

  it('closes anyway when the page does not answer in time', () => {
    const { window, sharing, timers } = setup();
    sharing.set({ sharing: true });
    window.close();
    timers.advance(2999);
    assert.equal(window.closed, false);
    timers.advance(1);
    assert.equal(window.closed, true);
  });
});
