import net from 'node:net';

/**
 * A plain TCP proxy on a free loopback port, standing between a browser and one or more server
 * nodes, that a test can cut like a pulled cable: sever() drops every open connection and keeps
 * refusing new ones until restore(). New connections go to the first target that accepts, so when
 * a node dies the proxy fails over to the next one, like a load balancer with health checks.
 */
export interface TcpProxy {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Drops all open connections and refuses new ones (accepted, then reset at once). */
  sever(): void;
  /** Lets connections through again. */
  restore(): void;
  /** Connections forwarded so far, per target port. */
  readonly connectionsTo: ReadonlyMap<number, number>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPorts: readonly number[]): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const connectionsTo = new Map<number, number>();
  let severed = false;

  const connectUpstream = (index: number, onReady: (upstream: net.Socket) => void, onFail: () => void) => {
    const port = targetPorts[index];
    if (port === undefined) return onFail();
    const upstream = net.connect({ host: '127.0.0.1', port });
    const failed = () => {
      upstream.destroy();
      connectUpstream(index + 1, onReady, onFail);
    };
    upstream.once('error', failed);
    upstream.once('connect', () => {
      upstream.off('error', failed);
      connectionsTo.set(port, (connectionsTo.get(port) ?? 0) + 1);
      onReady(upstream);
    });
  };

  const server = net.createServer((client) => {
    if (severed) {
      client.resetAndDestroy();
      return;
    }
    open.add(client);
    client.pause();
    client.on('error', () => undefined);
    client.once('close', () => open.delete(client));
    connectUpstream(
      0,
      (upstream) => {
        open.add(upstream);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      },
      () => client.resetAndDestroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connectionsTo,
    sever() {
      severed = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      severed = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
