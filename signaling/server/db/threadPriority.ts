import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower than the relay's event loop the embedded database's thread runs (nice steps; 19 is the lowest). */
export const DATABASE_THREAD_NICENESS = 10;
const LOWEST = 19;

/**
 * Lowers the priority of the calling thread only, by `by` nice steps from where it is (Linux: a
 * thread is a task with its own id, which setpriority accepts), so that when the cores are busy
 * the relay's event loop runs before the embedded database's WebAssembly work. Elsewhere, or when
 * not allowed, the thread keeps its priority.
 */
export function lowerThisThreadsPriority(by = DATABASE_THREAD_NICENESS): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, Math.min(LOWEST, getPriority(threadId) + by));
    return true;
  } catch {
    return false;
  }
}
