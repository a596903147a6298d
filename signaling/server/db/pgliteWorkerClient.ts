import { Worker } from 'node:worker_threads';
import type { PGliteCall, PGliteReply, PGliteRequest, PGliteStarted, PGliteWorkerData } from './pgliteWorkerProtocol';

/** A failed query of the embedded database, with PostgreSQL's error code (e.g. 23505) when it has one. */
export class PGliteQueryError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** What PGlitePool and the command channel need of the embedded database. */
export interface EmbeddedPostgres {
  query<R>(sql: string, parameters: unknown[]): Promise<{ rows: R[]; affectedRows?: number | undefined }>;
  isInTransaction(): boolean;
  close(): Promise<void>;
}

/**
 * The embedded PGlite database, running in a worker thread (pgliteWorker.ts) so that its
 * WebAssembly work leaves the event loop. Requests are answered in order; a worker that stops
 * fails every waiting and later request with a clear error.
 */
export class PGliteWorker implements EmbeddedPostgres {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: PGliteReply) => void; reject: (error: Error) => void }>();
  private stopped: Error | undefined;
  private inTransaction = false;
  private readonly exited: Promise<void>;

  private constructor(readonly thread: Worker) {
    thread.unref();
    thread.on('message', (reply: PGliteReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) thread.unref();
      waiter?.resolve(reply);
    });
    thread.on('error', (error: Error) => this.stop(new Error(`The embedded database (PGlite worker) failed: ${error.message}`)));
    this.exited = new Promise((resolve) =>
      thread.once('exit', (code) => {
        this.stop(new Error(`The embedded database (PGlite worker) stopped unexpectedly (exit code ${code}).`));
        resolve();
      }),
    );
  }

  /** Starts the worker and opens the database in `dataDir` (a folder, or 'memory://'). */
  static async start(dataDir: string): Promise<PGliteWorker> {
    const thread = new Worker(workerScript(), { workerData: { dataDir } satisfies PGliteWorkerData });
    const started = await new Promise<PGliteStarted>((resolve) => {
      const settle = (outcome: PGliteStarted) => {
        thread.off('message', settle).off('error', failed).off('exit', exited);
        resolve(outcome);
      };
      const failed = (error: Error) => settle({ kind: 'failed', message: error.message });
      const exited = (code: number) => settle({ kind: 'failed', message: `the worker stopped (exit code ${code})` });
      thread.on('message', settle).on('error', failed).on('exit', exited);
    });
    if (started.kind === 'failed') {
      await thread.terminate();
      throw new Error(`The embedded database in ${dataDir} could not be opened: ${started.message}`);
    }
    return new PGliteWorker(thread);
  }

  async query<R>(sql: string, parameters: unknown[]): Promise<{ rows: R[]; affectedRows?: number | undefined }> {
    const reply = await this.request({ kind: 'query', sql, parameters });
    this.inTransaction = reply.inTransaction;
    if (!reply.ok) throw new PGliteQueryError(reply.message, reply.code);
    return { rows: reply.rows as R[], affectedRows: reply.affectedRows };
  }

  /** As of the last answered query (queries on one lease run one after another). */
  isInTransaction(): boolean {
    return this.inTransaction;
  }

  /** Closes the database (its data flushed to disk) and ends the thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
    await this.request({ kind: 'close' });
    this.stopped = new Error('The embedded database is closed.');
    this.thread.ref();
    await this.exited;
  }

  private request(call: PGliteCall): Promise<PGliteReply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread.ref();
      this.thread.postMessage({ ...call, id } satisfies PGliteRequest);
    });
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.stopped);
    this.waiting.clear();
  }
}

/** The worker's script: beside this module in dist/server/ (bundled), or the TypeScript source (tests, benchmarks). */
function workerScript(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./pgliteWorker.ts', import.meta.url) : new URL('./pglite-worker.js', import.meta.url);
}
