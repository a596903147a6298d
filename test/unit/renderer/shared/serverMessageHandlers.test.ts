import assert from 'node:assert/strict';
import { ServerMessageHandlers } from '../../../../renderer/shared/serverMessageHandlers';
import type { ServerMessage } from '../../../../signaling/protocol';

const ended: ServerMessage = { type: 'session.ended', sessionId: 's1', by: 'agent', reason: 'ended' };

describe('server message handlers', () => {
  it('calls the handlers of the message type only, until each is removed', () => {
    const handlers = new ServerMessageHandlers();
    const seen: string[] = [];
    const remove = handlers.on('session.ended', () => seen.push('ended'));
    handlers.on('welcome', () => seen.push('welcome'));

    handlers.dispatch(ended);
    remove();
    handlers.dispatch(ended);

    assert.deepEqual(seen, ['ended']);
  });

  it('a handler added while a message is handled waits for the next message', () => {
    const handlers = new ServerMessageHandlers();
    const seen: string[] = [];
    handlers.on('session.ended', () => {
      seen.push('first');
      handlers.on('session.ended', () => seen.push('added'));
    });

    handlers.dispatch(ended);
    assert.deepEqual(seen, ['first']);
    handlers.dispatch(ended);
    assert.deepEqual(seen, ['first', 'first', 'added']);
  });
});
