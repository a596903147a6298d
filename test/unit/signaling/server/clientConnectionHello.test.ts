import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import type { WebSocket } from 'ws';
import { ClientConnection } from '../../../../signaling/server/context/clientConnection';

const HELLO_MS = 10_000;

describe('a connection must say hello in time', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => {
    clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.uninstall());

  const connection = () => new ClientConnection('c1', 'customer', '127.0.0.1', {} as WebSocket, undefined);

  it('is given up on when no hello arrives within the time', () => {
    const client = connection();
    let closed = 0;
    client.expectHello(HELLO_MS, () => closed++);
    clock.tick(HELLO_MS - 1);
    assert.equal(closed, 0);
    clock.tick(1);
    assert.equal(closed, 1);
    assert.equal(client.greeted, false);
  });

  it('keeps no timer once the hello arrived', () => {
    const client = connection();
    let closed = 0;
    client.expectHello(HELLO_MS, () => closed++);
    client.greet();
    assert.equal(client.greeted, true);
    assert.equal(clock.countTimers(), 0, 'the hello timer is gone at once, not left to fire');
    clock.tick(HELLO_MS * 2);
    assert.equal(closed, 0);
  });

  it('drops the hello timer when the socket closes first', () => {
    const client = connection();
    client.expectHello(HELLO_MS, () => assert.fail('a closed socket is not closed again'));
    client.dropScheduled();
    assert.equal(clock.countTimers(), 0);
  });
});
