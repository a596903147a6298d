import type { PostgresPoolClient } from 'kysely';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import { onFrames, writeFrame } from './channelFrames';
import { channelFile, type ChannelAddress, type ChannelReply } from './commandChannelAddress';
import type { PGlitePool } from './pglitePool';
import type { EmbeddedPostgres } from './pgliteWorkerClient';
import { errorMessage } from '../platform/errorMessage';

const SECRET_BYTES = 32;
const MAX_QUERY_BYTES = 1024 * 1024;
/** A command that leaves a transaction open this long without a query is rolled back and cut off, so the server never waits on it. */
const IDLE_IN_TRANSACTION_MS = 10_000;

const QueryRequest = z.object({ sql: z.string().max(MAX_QUERY_BYTES), parameters: z.array(z.unknown()).max(65_535) });

export interface CommandChannel {
  close(): Promise<void>;
}

/**
 * Lets `npm run agents`, `audit`, `tokens` and `webhooks` use the embedded PGlite database while
 * the server runs (PGlite lives inside one process). The server listens on a loopback port and
 * writes the port and a random secret to DATABASE_DIR/command-channel.json, readable only by the
 * server's user; a command that proves the secret sends SQL, which runs on the server's own
 * connection pool: a command's transaction and the server's never interleave.
 */
export async function openCommandChannel(dir: string, pglite: EmbeddedPostgres, pool: PGlitePool): Promise<CommandChannel> {
  const secret = randomBytes(SECRET_BYTES);
  const sockets = new Set<Socket>();
  const sessions = new Set<Promise<void>>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const ended = serve(socket, secret, pglite, pool);
    sessions.add(ended);
    void ended.finally(() => {
      sockets.delete(socket);
      sessions.delete(ended);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The command channel has no port.');
  const file = channelFile(dir);
  const published: ChannelAddress = { pid: process.pid, port: address.port, secret: secret.toString('base64') };
  await writeFile(file, JSON.stringify(published), { mode: 0o600 });
  return {
    async close() {
      server.close();
      for (const socket of sockets) socket.destroy();
      await Promise.all(sessions);
      await rm(file, { force: true });
    },
  };
}

/** One command's connection: the secret first, then one query at a time. */
function serve(socket: Socket, secret: Buffer, pglite: EmbeddedPostgres, pool: PGlitePool): Promise<void> {
  let authenticated = false;
  let lease: PostgresPoolClient | undefined;
  let idle: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();

  const releaseLease = async () => {
    clearTimeout(idle);
    if (!lease) return;
    if (pglite.isInTransaction()) await lease.query('ROLLBACK', []).catch(() => undefined);
    lease.release();
    lease = undefined;
  };

  const run = async (frame: Buffer): Promise<ChannelReply> => {
    const request = QueryRequest.safeParse(deserialize(frame));
    if (!request.success) return { error: 'Not a query.' };
    clearTimeout(idle);
    lease ??= await pool.connect();
    try {
      const result = await lease.query(request.data.sql, request.data.parameters);
      return { command: result.command, rowCount: result.rowCount === undefined ? null : Number(result.rowCount), rows: result.rows };
    } catch (error) {
      return { error: errorMessage(error) };
    } finally {
      if (pglite.isInTransaction()) idle = setTimeout(() => socket.destroy(), IDLE_IN_TRANSACTION_MS);
      else await releaseLease();
    }
  };

  onFrames(
    socket,
    () => (authenticated ? MAX_QUERY_BYTES + 1024 : SECRET_BYTES),
    (frame) => {
      if (!authenticated) {
        authenticated = frame.length === SECRET_BYTES && timingSafeEqual(frame, secret);
        if (!authenticated) socket.destroy();
        return;
      }
      queue = queue.then(async () => {
        const reply = await run(frame).catch((error: unknown) => ({ error: String(error) }));
        if (!socket.destroyed) writeFrame(socket, serialize(reply));
      });
    },
  );
  return new Promise<void>((resolve) => {
    socket.on('error', () => undefined);
    socket.on('close', () => void queue.then(releaseLease).finally(resolve));
  });
}
