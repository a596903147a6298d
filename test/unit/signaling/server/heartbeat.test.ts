import assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import type { ClientConnection } from '../../../../signaling/server/context/clientConnection';
import { startHeartbeat } from '../../../../signaling/server/ws/heartbeat';

interface FakeConnection {
  alive: boolean;
  pings: number;
  terminated: boolean;
  socket: { ping(): void; terminate(): void };
}

let pingsSent = 0;

function fakeConnection(): FakeConnection {
  const connection: FakeConnection = {
    alive: true,
    pings: 0,
    terminated: false,
    socket: {
      ping: () => {
        connection.pings += 1;
        pingsSent += 1;
      },
      terminate: () => (connection.terminated = true),
    },
  };
  return connection;
}

const asClient = (connection: FakeConnection) => connection as unknown as ClientConnection;

describe('heartbeat', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => (clock = FakeTimers.install({ toFake: ['setInterval', 'clearInterval'] })));
  afterEach(() => clock.uninstall());

  it('pings a new connection at once, then once per interval, and drops it after a missed ping', () => {
    const heartbeat = startHeartbeat(10_000);
    const connection = fakeConnection();
    heartbeat.track(asClient(connection));
    clock.tick(20);
    assert.equal(connection.pings, 1);
    connection.alive = true; // its pong
    clock.tick(10_000);
    assert.equal(connection.pings, 2);
    clock.tick(10_000); // no pong this time
    assert.equal(connection.terminated, true);
    heartbeat.stop();
  });

  it('spreads connections that arrive together over the interval: no burst of pings', () => {
    const heartbeat = startHeartbeat(10_000);
    const connections = Array.from({ length: 20_000 }, fakeConnection);
    for (const connection of connections) heartbeat.track(asClient(connection));
    let largestTick = 0;
    for (let elapsed = 0; elapsed < 10_000; elapsed += 20) {
      const before = pingsSent;
      clock.tick(20);
      largestTick = Math.max(largestTick, pingsSent - before);
    }
    assert.ok(connections.every((c) => c.pings === 1), 'every connection pinged once in the interval');
    assert.ok(largestTick <= 40, `at most 40 pings in one tick, saw ${largestTick}`);
    heartbeat.stop();
  });

  it('stops pinging a connection it was told is closed', () => {
    const heartbeat = startHeartbeat(10_000);
    const connection = fakeConnection();
    heartbeat.track(asClient(connection));
    heartbeat.forget(asClient(connection));
    clock.tick(30_000);
    assert.equal(connection.pings, 0);
    heartbeat.stop();
  });
});
