import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import type { PGliteReply, PGliteRequest, PGliteStarted, PGliteWorkerData } from './pgliteWorkerProtocol';
import { errorMessage } from '../platform/errorMessage';
import { INT8_TYPE_ID } from './int8';
import { lowerThisThreadsPriority } from './threadPriority';

/**
 * The embedded PGlite database in its own thread (one per process), so its WebAssembly work never
 * blocks the event loop that relays signals. Answers the requests of pgliteWorkerClient.ts one by
 * one, in the order they arrive.
 */
const port = parentPort;
if (!port) throw new Error('pgliteWorker.ts runs only as a worker thread.');
const { dataDir } = workerData as PGliteWorkerData;
// The relay must not wait for a core behind the database's work (docs/audit.md, "What the trail costs the relay").
lowerThisThreadsPriority();

let pglite: PGlite;
try {
  pglite = await PGlite.create(dataDir, { parsers: { [INT8_TYPE_ID]: Number } });
  port.postMessage({ kind: 'ready' } satisfies PGliteStarted);
} catch (error) {
  port.postMessage({ kind: 'failed', message: errorMessage(error) } satisfies PGliteStarted);
  process.exit(1);
}

let queue = Promise.resolve();
port.on('message', (request: PGliteRequest) => {
  queue = queue.then(() => answer(request));
});

async function answer(request: PGliteRequest): Promise<void> {
  if (request.kind === 'close') {
    await pglite.close();
    port?.postMessage({ id: request.id, ok: true, rows: [], affectedRows: undefined, inTransaction: false } satisfies PGliteReply);
    port?.close();
    return;
  }
  let reply: PGliteReply;
  try {
    const result = await pglite.query(request.sql, request.parameters);
    reply = { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows, inTransaction: pglite.isInTransaction() };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    reply = { id: request.id, ok: false, message: errorMessage(error), code, inTransaction: pglite.isInTransaction() };
  }
  port?.postMessage(reply);
}
