import assert from 'node:assert/strict';
import { CONNECTION_MACHINE, type ConnectionEvent, type ConnectionPhase } from '../../../../renderer/shared/connection/connectionMachine';
import { ResumableConnection, type ResumableLink } from '../../../../renderer/shared/connection/resumableConnection';
import { reconnectDelayMs } from '../../../../renderer/shared/connection/backoff';
import type { ConnectionClosed } from '../../../../renderer/shared/signalingConnection';
import type { Transition } from '../../../../renderer/shared/connection/transitionTable';
import { FakeClock } from './fakeClock';
import { describeTransition, walks } from './machineWalk';

class FakeSocket implements ResumableLink {
  isOpen = true;
  closedByUs = false;
  private readonly closeHandlers: ((closed: ConnectionClosed) => void)[] = [];
  onClose(handler: (closed: ConnectionClosed) => void): () => void {
    this.closeHandlers.push(handler);
    return () => undefined;
  }
  close(): void {
    if (!this.isOpen) return;
    this.closedByUs = true;
    this.drop(true);
  }
  drop(byUs = false): void {
    this.isOpen = false;
    for (const handler of this.closeHandlers) handler({ code: byUs ? 1000 : 1006, reason: '', byUs });
  }
}

interface Deferred {
  resolve(socket: FakeSocket): void;
  reject(error: Error): void;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A connection whose server the test answers by hand, with a log of what the page was told. */
function harness(options: { resumeReplyMs?: number } = {}) {
  const clock = new FakeClock();
  const requests: Deferred[] = [];
  const sockets: FakeSocket[] = [];
  const told: string[] = [];
  const transitions: Transition<ConnectionPhase, ConnectionEvent>[] = [];
  let graceMs = 60_000;
  const connection = new ResumableConnection<FakeSocket>(
    {
      connect: () => new Promise<FakeSocket>((resolve, reject) => requests.push({ resolve, reject })),
      clock,
      graceMs: () => graceMs,
      random: () => 0.5,
      ...options,
      events: {
        attached: () => told.push('attached'),
        reconnected: () => told.push('reconnected'),
        dropped: () => told.push('dropped'),
        waiting: (attempt) => told.push(`waiting ${attempt}`),
        attemptFailed: () => told.push('attempt failed'),
        gaveUp: () => told.push('gave up'),
      },
    },
    (transition) => transitions.push(transition),
  );
  const answer = async () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    requests.shift()?.resolve(socket);
    await settle();
    return socket;
  };
  const refuse = async () => {
    requests.shift()?.reject(new Error('unreachable'));
    await settle();
  };
  const drive: Record<ConnectionEvent, () => Promise<void> | void> = {
    open: () => void connection.open().catch(() => undefined),
    opened: async () => void (await answer()),
    failed: refuse,
    dropped: () => sockets.at(-1)?.drop(),
    lost: () => connection.lost(),
    due: async () => {
      clock.advance(reconnectDelayMs(5, () => 1));
      await settle();
    },
    'retry-now': () => connection.reconnectNow(),
    recovered: () => connection.recovered(),
    retry: () => connection.retry(),
    expired: async () => {
      graceMs = -1;
      if (connection.phase === 'idle') connection.reconnectNow();
      else await drive.due();
    },
    close: () => connection.close(),
  };
  return { clock, connection, requests, sockets, told, transitions, answer, refuse, drive };
}

describe('the resumable connection (one reconnect loop for every page)', () => {
  describe('walks every transition of its machine', () => {
    for (const { transition, path } of walks(CONNECTION_MACHINE, 'idle')) {
      it(describeTransition(transition), async () => {
        const h = harness();
        for (const event of path) await h.drive[event]();
        assert.equal(h.connection.phase, transition.from, `reached ${transition.from} by ${path.join(', ') || 'starting'}`);
        await h.drive[transition.event]();
        assert.equal(h.connection.phase, transition.to);
        assert.deepEqual(h.transitions.at(-1), transition);
      });
    }
  });

  it('ignores what its state does not take (a late answer cannot move it)', () => {
    const h = harness();
    h.connection.recovered();
    h.connection.retry();
    assert.equal(h.connection.phase, 'idle');
    assert.deepEqual(h.transitions, []);
  });

  it('opens once, hands out the same socket while it is up, and attaches the page to it', async () => {
    const h = harness();
    const opening = h.connection.open();
    const socket = await h.answer();
    assert.equal(await opening, socket);
    assert.equal(await h.connection.open(), socket);
    assert.equal(h.requests.length, 0, 'no second socket');
    assert.equal(h.connection.isOpen, true);
    assert.deepEqual(h.told, ['attached']);
  });

  it('waits longer after each failed attempt, with jitter, and starts short again after a recovery', async () => {
    const h = harness();
    const delays: number[] = [];
    h.connection.lost();
    for (let attempt = 0; attempt < 5; attempt++) {
      let waited = 0;
      while (h.requests.length === 0) {
        h.clock.advance(100);
        waited += 100;
        await settle();
      }
      delays.push(waited);
      await h.refuse();
    }
    assert.deepEqual(delays, [500, 1_000, 2_000, 4_000, 4_000]);
    h.clock.advance(5_000);
    await settle();
    await h.answer();
    assert.equal(h.connection.phase, 'resuming');
    h.connection.recovered();
    h.sockets.at(-1)?.drop();
    h.connection.lost();
    h.clock.advance(500);
    await settle();
    assert.equal(h.requests.length, 1, 'the first delay after a recovery is short again');
    assert.ok(h.told.includes('waiting 5'));
  });

  it('jitter spreads clients of a restarted node: ±20 % around the delay', () => {
    assert.equal(reconnectDelayMs(0, () => 0), 400);
    assert.equal(reconnectDelayMs(0, () => 1), 600);
    assert.equal(reconnectDelayMs(9, () => 0.5), 4_000);
  });

  it('gives up once the grace period is over, and says so once', async () => {
    const h = harness();
    h.connection.lost();
    for (let i = 0; i < 40 && !h.told.includes('gave up'); i++) {
      h.clock.advance(4_800);
      await settle();
      await h.refuse();
    }
    assert.equal(h.told.filter((t) => t === 'gave up').length, 1);
    assert.equal(h.connection.phase, 'idle');
    h.clock.advance(60_000);
    await settle();
    assert.equal(h.requests.length, 0, 'no attempt after giving up');
  });

  it('tries another socket when the server does not answer the resume in time', async () => {
    const h = harness({ resumeReplyMs: 8_000 });
    h.connection.reconnectNow();
    const first = await h.answer();
    assert.deepEqual(h.told, ['attached', 'reconnected']);
    h.clock.advance(8_000);
    assert.equal(first.closedByUs, true);
    assert.equal(h.connection.phase, 'waiting');
    h.clock.advance(600);
    await settle();
    await h.answer();
    assert.equal(h.connection.resumeAttempt, 2);
    h.connection.recovered();
    h.clock.advance(60_000);
    assert.equal(h.connection.phase, 'open', 'no reply timer after recovering');
  });

  it('a socket that arrives after close() is closed at once and never attached', async () => {
    const h = harness();
    h.connection.reconnectNow();
    h.connection.close();
    const late = await h.answer();
    assert.equal(late.closedByUs, true);
    assert.equal(h.connection.link, null);
    assert.deepEqual(h.told, []);
  });

  it('detach() hands the open socket back unclosed (the page lingers on it) and stops listening to it', async () => {
    const h = harness();
    const opening = h.connection.open();
    const socket = await h.answer();
    await opening;
    assert.equal(h.connection.detach(), socket);
    assert.equal(socket.isOpen, true);
    socket.drop();
    assert.deepEqual(h.told, ['attached'], 'its end is not reported');
  });
});
