import { GCProfiler, getHeapSpaceStatistics } from 'node:v8';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { AuditLog } from '../../signaling/server/audit/auditLog';
import { percentile } from '../support/stats';
import { watchLoopStalls, type LoopStalls } from './loopStalls';

/** What the audit bench's server saw of its own event loop during one window (bench/audit/auditServer.ts). */
export interface ServerLoopFigures {
  /** Event-loop delay (how late a 1 ms timer ran), ms. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Share of the window the event loop was busy (0–1). */
  loopUtilization: number;
  gcCount: number;
  /** Time inside GC pauses (wall clock: on a loaded machine it includes waits for a core). */
  gcTotalMs: number;
  gcMaxMs: number;
  /** Pauses by kind (Scavenge, MarkSweepCompact, …): count and total ms. */
  gcByKind: Record<string, { count: number; totalMs: number }>;
  /** Bytes allocated in the young generation during the window (what makes scavenges come). */
  allocatedBytes: number;
  /** Bytes that survived scavenges (copied: what a scavenge's pause grows with), summed. */
  survivedBytes: number;
  /** Bytes moved to the old generation by scavenges (what makes major GCs come), summed. */
  promotedBytes: number;
  /** Audit appends the handlers awaited in the window, and how long each took to be acknowledged (ms). */
  appends: number;
  appendP50Ms: number;
  appendP99Ms: number;
  /** The loop's stalls by what the thread did meanwhile (loopStalls.ts). */
  stalls: LoopStalls;
}

export type ProbeCommand = { probe: 'start' } | { probe: 'stop' };
export type ProbeReply = { probe: 'figures'; figures: ServerLoopFigures };

type SpaceUse = Record<string, number>;
const spaceUse = (spaces: ReadonlyArray<{ spaceName: string; spaceUsedSize: number }>): SpaceUse =>
  Object.fromEntries(spaces.map((space) => [space.spaceName, space.spaceUsedSize]));
const heapNow = () => spaceUse(getHeapSpaceStatistics().map((space) => ({ spaceName: space.space_name, spaceUsedSize: space.space_used_size })));
const young = (use: SpaceUse) => (use.new_space ?? 0) + (use.new_large_object_space ?? 0);

/**
 * Answers the bench over the IPC channel: 'start' opens a window, 'stop' reports it. Only in the
 * bench's server, never in the product: the same in every audit mode. The GC figures in bytes do
 * not depend on how loaded the machine is; the pause times do.
 */
export function answerProbes(): { timeAppends(log: Pick<AuditLog, 'append'>): void } {
  let appendMs: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let counting = false;
  let utilizationAtStart: EventLoopUtilization | undefined;
  let gc: GCProfiler | undefined;
  let heapAtStart: SpaceUse = {};
  const stalls = watchLoopStalls();
  process.on('message', (command: ProbeCommand) => {
    if (command.probe === 'start') {
      appendMs = [];
      counting = true;
      delay.reset();
      delay.enable();
      utilizationAtStart = performance.eventLoopUtilization();
      heapAtStart = heapNow();
      gc = new GCProfiler();
      gc.start();
      stalls.start();
      return;
    }
    counting = false;
    delay.disable();
    const stalled = stalls.stop();
    const utilization = performance.eventLoopUtilization(utilizationAtStart);
    const pauses = gc?.stop()?.statistics ?? [];
    const byKind: ServerLoopFigures['gcByKind'] = {};
    let allocatedBytes = 0;
    let survivedBytes = 0;
    let promotedBytes = 0;
    let youngBefore = young(heapAtStart);
    for (const pause of pauses) {
      const entry = (byKind[pause.gcType] ??= { count: 0, totalMs: 0 });
      entry.count += 1;
      entry.totalMs += pause.cost / 1000;
      const before = spaceUse(pause.beforeGC.heapSpaceStatistics);
      const after = spaceUse(pause.afterGC.heapSpaceStatistics);
      allocatedBytes += Math.max(0, young(before) - youngBefore);
      youngBefore = young(after);
      if (pause.gcType === 'Scavenge') {
        survivedBytes += young(after);
        promotedBytes += Math.max(0, (after.old_space ?? 0) - (before.old_space ?? 0));
      }
    }
    allocatedBytes += Math.max(0, young(heapNow()) - youngBefore);
    const figures: ServerLoopFigures = {
      loopDelayP50Ms: delay.count > 0 ? delay.percentile(50) / 1e6 : 0,
      loopDelayP99Ms: delay.count > 0 ? delay.percentile(99) / 1e6 : 0,
      loopDelayMaxMs: delay.count > 0 ? delay.max / 1e6 : 0,
      loopUtilization: utilization.utilization,
      gcCount: pauses.length,
      gcTotalMs: pauses.reduce((sum, pause) => sum + pause.cost / 1000, 0),
      gcMaxMs: pauses.reduce((max, pause) => Math.max(max, pause.cost / 1000), 0),
      gcByKind: byKind,
      allocatedBytes,
      survivedBytes,
      promotedBytes,
      appends: appendMs.length,
      appendP50Ms: appendMs.length > 0 ? percentile(appendMs, 50) : 0,
      appendP99Ms: appendMs.length > 0 ? percentile(appendMs, 99) : 0,
      stalls: stalled,
    };
    process.send?.({ probe: 'figures', figures } satisfies ProbeReply);
  });
  return {
    /** Times every append of this log (or of every log, given AuditLog.prototype) from call to acknowledgement. */
    timeAppends(log) {
      const append = log.append;
      log.append = function (this: AuditLog, ...args) {
        const started = performance.now();
        const written = append.apply(this, args);
        if (counting) void written.then(() => appendMs.push(performance.now() - started), () => undefined);
        return written;
      };
    },
  };
}
