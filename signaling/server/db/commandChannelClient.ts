import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { onFrames, writeFrame } from './channelFrames';
import { channelFile, type ChannelAddress, type ChannelReply } from './commandChannelAddress';

const MAX_REPLY_BYTES = 512 * 1024 * 1024;

/**
 * A command's way into the database of the server that runs on DATABASE_DIR (PGlite), through
 * that server's command channel (commandChannelServer.ts). Undefined when that server offers none.
 */
export async function connectCommandChannel(dir: string, serverPid: number): Promise<CommandChannelPool | undefined> {
  const address = await readFile(channelFile(dir), 'utf8').then((text) => JSON.parse(text) as ChannelAddress, () => undefined);
  if (address?.pid !== serverPid) return undefined;
  const socket = connect({ host: '127.0.0.1', port: address.port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  writeFrame(socket, Buffer.from(address.secret, 'base64'));
  return new CommandChannelPool(socket);
}

/** How long a command waits for a server that is still starting to open its command channel. */
export const COMMAND_CHANNEL_WAIT_MS = 15_000;
const RETRY_MS = 100;

/**
 * A server writes its channel's address only once its database is open, so a command started
 * while the server starts waits for it (up to `waitMs`). 'gone' when the server process ended
 * meanwhile (the folder is free again), 'starting' when its channel did not come in time.
 */
export async function waitForCommandChannel(
  dir: string,
  serverPid: number,
  serverAlive: () => boolean,
  waitMs = COMMAND_CHANNEL_WAIT_MS,
): Promise<CommandChannelPool | 'gone' | 'starting'> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const pool = await connectCommandChannel(dir, serverPid).catch(() => undefined);
    if (pool) return pool;
    if (!serverAlive()) return 'gone';
    if (Date.now() >= deadline) return 'starting';
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** Kysely's PostgreSQL driver on the channel: one connection, lent to one user at a time (like PGlitePool). */
export class CommandChannelPool implements PostgresPool {
  readonly options = {};
  private tail: Promise<void> = Promise.resolve();
  private readonly waiting: Array<{ resolve: (reply: ChannelReply) => void; reject: (error: Error) => void }> = [];

  constructor(private readonly socket: Socket) {
    onFrames(socket, () => MAX_REPLY_BYTES, (frame) => this.waiting.shift()?.resolve(deserialize(frame) as ChannelReply));
    const lost = (error?: Error) => {
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error(`The server closed the database channel${error ? `: ${error.message}` : '.'}`));
    };
    socket.on('error', lost);
    socket.on('close', () => lost());
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const query = async <R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> => {
      const reply = await this.request(sql, parameters);
      if ('error' in reply) throw new Error(reply.error);
      return { command: reply.command as PostgresQueryResult<R>['command'], rowCount: reply.rowCount ?? reply.rows.length, rows: reply.rows as R[] };
    };
    return { query, release } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.tail;
    this.socket.end();
  }

  private request(sql: string, parameters: ReadonlyArray<unknown>): Promise<ChannelReply> {
    if (this.socket.destroyed) return Promise.reject(new Error('The server closed the database channel.'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      writeFrame(this.socket, serialize({ sql, parameters: [...parameters] }));
    });
  }
}
