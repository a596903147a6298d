import { strict as assert } from 'node:assert';
import type { WebSocket } from 'ws';
import { ClientConnection } from '../../../../signaling/server/context/clientConnection';

const connection = () => new ClientConnection('c1', 'customer', '127.0.0.1', {} as WebSocket, undefined);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a connection handles its messages in arrival order', () => {
  it('runs a message at once when nothing is waiting', () => {
    const handled: number[] = [];
    const client = connection();
    client.enqueue(() => void handled.push(1));
    client.enqueue(() => void handled.push(2));
    assert.deepEqual(handled, [1, 2]);
  });

  it('holds later messages until one that waits has finished, then runs them in order', async () => {
    const handled: string[] = [];
    const client = connection();
    let finish = () => undefined as void;
    client.enqueue(() => {
      handled.push('slow started');
      return new Promise<void>((resolve) => (finish = () => (handled.push('slow done'), resolve())));
    });
    client.enqueue(() => void handled.push('second'));
    client.enqueue(async () => {
      await tick();
      handled.push('third');
    });
    client.enqueue(() => void handled.push('fourth'));
    await tick();
    assert.deepEqual(handled, ['slow started'], 'nothing overtakes a message still being handled');
    finish();
    await tick();
    await tick();
    assert.deepEqual(handled, ['slow started', 'slow done', 'second', 'third', 'fourth']);
    client.enqueue(() => void handled.push('fifth'));
    assert.deepEqual(handled.at(-1), 'fifth', 'idle again: the next message runs at once');
  });
});
