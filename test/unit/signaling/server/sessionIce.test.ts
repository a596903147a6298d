import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import type { WebSocket } from 'ws';
import type { ServerMessageOf } from '../../../../signaling/protocol';
import { grantSessionIce, publicIceServers } from '../../../../signaling/server/ice/sessionIce';
import { ClientConnection } from '../../../../signaling/server/context/clientConnection';

const config = {
  iceServers: [{ urls: 'stun:stun.example:3478' }, { urls: 'turn:turn.example:3478' }],
  turn: { secret: 'a-static-auth-secret-of-coturn', ttlSeconds: 3600 },
};

/** A connection whose socket records what it was sent. */
function member(sent: string[]) {
  const socket = { OPEN: 1, readyState: 1, send: (text: string) => void sent.push(text) } as unknown as WebSocket;
  return new ClientConnection('node:c1', 'customer', '127.0.0.1', socket, undefined);
}

describe('TURN credentials per session', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.uninstall());

  const iceMessages = (sent: string[]) =>
    sent.map((text) => JSON.parse(text) as ServerMessageOf<'session.ice'>).filter((message) => message.type === 'session.ice');

  it('welcomes with the public servers only', () => {
    assert.deepEqual(publicIceServers(config), [{ urls: 'stun:stun.example:3478' }]);
  });

  it('binds the credential to session and role, and renews it in place before it lapses for as long as the member stays', () => {
    const sent: string[] = [];
    const connection = member(sent);
    connection.sessionIds.add('session-aaaaaaaaaaaa');
    grantSessionIce(config, connection, 'session-aaaaaaaaaaaa');
    const [first] = iceMessages(sent);
    assert.equal(first?.iceServers[1]?.username, `${1_700_000_000 + 3600}:session-aaaaaaaaaaaa:customer`);
    assert.equal(first?.expiresAt, 1_700_000_000_000 + 3_600_000);

    clock.tick(45 * 60_000 - 1);
    assert.equal(iceMessages(sent).length, 1, 'no renewal while the credential is fresh');
    clock.tick(1);
    const renewed = iceMessages(sent)[1];
    assert.ok(renewed && renewed.expiresAt === Date.now() + 3_600_000, 'a fresh credential a quarter before the old lapses');
    for (let hour = 0; hour < 5; hour++) clock.tick(45 * 60_000);
    assert.equal(iceMessages(sent).length, 7, 'a long share keeps getting fresh ones');

    connection.send({ type: 'session.ended', sessionId: 'session-aaaaaaaaaaaa', by: 'agent', reason: 'ended' });
    clock.tick(24 * 3_600_000);
    assert.equal(iceMessages(sent).length, 7, 'none after the session ended');
  });

  it('stops renewing when the socket closes', () => {
    const sent: string[] = [];
    const connection = member(sent);
    connection.sessionIds.add('session-bbbbbbbbbbbb');
    grantSessionIce(config, connection, 'session-bbbbbbbbbbbb');
    connection.dropScheduled();
    clock.tick(24 * 3_600_000);
    assert.equal(iceMessages(sent).length, 1);
  });
});
