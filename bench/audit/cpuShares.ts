import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { clockTicksPerSecond } from '../support/processes';

/**
 * Where the machine's CPU went during a window (Linux /proc): the server's threads one by one
 * (its event loop, the PGlite worker, V8's and libuv's helpers), every PostgreSQL process, and the
 * whole machine. Tells a relay tail caused by competing for the cores from one caused inside the
 * event loop.
 */
export interface CpuShares {
  /** Seconds of wall time the window lasted. */
  seconds: number;
  /** The machine's busy share of all its cores (0–1), every process included. */
  machineBusy: number;
  /** The server's main thread (its event loop): cores used (1 = one core all the time). */
  serverMainThread: number;
  /** The server's other threads by name (e.g. PGlite's worker thread): cores used. */
  serverOtherThreads: Record<string, number>;
  /** All `postgres` processes on the machine: cores used (0 with PGlite). */
  postgres: number;
}

interface Snapshot {
  at: number;
  machine: { busy: number; total: number };
  threads: Map<number, { name: string; ticks: number }>;
  postgresTicks: number;
}

export function cpuSnapshot(pid: number): Snapshot {
  const threads = new Map<number, { name: string; ticks: number }>();
  for (const tid of listNumbers(`/proc/${pid}/task`)) {
    const stat = readStat(`/proc/${pid}/task/${tid}/stat`);
    if (stat) threads.set(tid, stat);
  }
  let postgresTicks = 0;
  for (const other of listNumbers('/proc')) {
    const stat = readStat(`/proc/${other}/stat`);
    if (stat?.name === 'postgres') postgresTicks += stat.ticks;
  }
  return { at: performance.now(), machine: machineTicks(), threads, postgresTicks };
}

export function cpuSharesBetween(pid: number, before: Snapshot, after: Snapshot): CpuShares {
  const seconds = (after.at - before.at) / 1000;
  const cores = (ticks: number) => (seconds > 0 ? ticks / clockTicksPerSecond / seconds : Number.NaN);
  const serverOtherThreads: Record<string, number> = {};
  let serverMainThread = 0;
  for (const [tid, thread] of after.threads) {
    const used = cores(thread.ticks - (before.threads.get(tid)?.ticks ?? 0));
    if (tid === pid) serverMainThread = used;
    else serverOtherThreads[thread.name] = (serverOtherThreads[thread.name] ?? 0) + used;
  }
  const total = after.machine.total - before.machine.total;
  return {
    seconds,
    machineBusy: total > 0 ? (after.machine.busy - before.machine.busy) / total : Number.NaN,
    serverMainThread,
    serverOtherThreads,
    postgres: cores(after.postgresTicks - before.postgresTicks),
  };
}

/** "1.23 cores of 2 busy; server loop 0.71, PGlite 0.20, …": one line for the bench log. */
export function describeCpuShares(shares: CpuShares): string {
  const others = Object.entries(shares.serverOtherThreads)
    .filter(([, used]) => used >= 0.01)
    .sort(([, a], [, b]) => b - a)
    .map(([name, used]) => `${name} ${used.toFixed(2)}`);
  const postgres = shares.postgres >= 0.01 ? `; postgres ${shares.postgres.toFixed(2)}` : '';
  return `machine ${(shares.machineBusy * cpus().length).toFixed(2)} of ${cpus().length} cores busy; server loop ${shares.serverMainThread.toFixed(2)}, other threads: ${others.join(', ') || 'none'}${postgres}`;
}

function listNumbers(folder: string): number[] {
  try {
    return readdirSync(folder)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** A thread's or process's name and user + system ticks; undefined when it is gone. */
function readStat(file: string): { name: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(file, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  // idle and iowait are fields 4 and 5.
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}
