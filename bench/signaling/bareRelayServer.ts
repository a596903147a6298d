import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The limit of the stack: a bare `ws` server that pairs two sockets by `?pair=<id>` and forwards
 * every text frame to the partner unchanged (no parsing, no checks). Prints its port.
 */
const waiting = new Map<string, WebSocket>();
const server = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/relay' });

server.on('connection', (socket, request) => {
  const pair = new URL(request.url ?? '/', 'http://localhost').searchParams.get('pair') ?? '';
  socket.on('error', () => undefined);
  const first = waiting.get(pair);
  if (!first) {
    waiting.set(pair, socket);
    socket.once('close', () => {
      if (waiting.get(pair) === socket) waiting.delete(pair);
    });
    return;
  }
  waiting.delete(pair);
  link(first, socket);
  link(socket, first);
  first.send('{"type":"paired"}');
  socket.send('{"type":"paired"}');
});

function link(from: WebSocket, to: WebSocket): void {
  from.on('message', (data, isBinary) => {
    if (to.readyState === to.OPEN) to.send(data, { binary: isBinary });
  });
  from.once('close', () => to.close());
}

server.on('listening', () => console.log(`listening on port ${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
