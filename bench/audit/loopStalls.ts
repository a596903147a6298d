import { PerformanceObserver, performance } from 'node:perf_hooks';

/**
 * The server's event-loop stalls, told apart by what the thread did meanwhile. A 1 ms timer notes
 * each gap between its runs longer than STALL_MS, with the main thread's own CPU time in it
 * (`process.threadCpuUsage`) and the GC pauses in it. A gap the thread spent computing is a long
 * task of ours (or GC); a gap it spent without the CPU is a wait for a core (a loaded machine) or
 * a blocking call. Unlike the wall-clock delay, the CPU figures barely depend on the machine's load.
 */
export interface LoopStalls {
  /** Gaps longer than STALL_MS. */
  stalls: number;
  /** Of them: the thread computed for at least STALL_MS (our long tasks, GC included). */
  longTasks: number;
  /** CPU time in those long tasks, and the longest one, ms. */
  longTaskCpuMs: number;
  longestTaskCpuMs: number;
  /** GC pause time inside long tasks, ms. */
  longTaskGcMs: number;
  /** Wall time in gaps the thread mostly waited (for a core, or in a blocking call), ms. */
  waitedMs: number;
}

export const STALL_MS = 5;

export function watchLoopStalls(): { start(): void; stop(): LoopStalls } {
  let timer: NodeJS.Timeout | undefined;
  let gcPauses: Array<{ start: number; end: number }> = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  let figures: LoopStalls = empty();
  let last = { at: 0, cpuMs: 0 };
  const cpuMs = () => {
    const usage = process.threadCpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const gcWithin = (from: number, to: number) =>
    gcPauses.reduce((sum, pause) => sum + Math.max(0, Math.min(to, pause.end) - Math.max(from, pause.start)), 0);
  const tick = () => {
    const now = { at: performance.now(), cpuMs: cpuMs() };
    const wall = now.at - last.at;
    if (wall > STALL_MS) {
      const cpu = now.cpuMs - last.cpuMs;
      figures.stalls += 1;
      if (cpu >= STALL_MS) {
        figures.longTasks += 1;
        figures.longTaskCpuMs += cpu;
        figures.longestTaskCpuMs = Math.max(figures.longestTaskCpuMs, cpu);
        figures.longTaskGcMs += gcWithin(last.at, now.at);
      } else {
        figures.waitedMs += wall - cpu;
      }
    }
    if (gcPauses.length > 1000) gcPauses = gcPauses.filter((pause) => pause.end > now.at - 1000);
    last = now;
  };
  return {
    start() {
      figures = empty();
      gcPauses = [];
      gc.observe({ entryTypes: ['gc'] });
      last = { at: performance.now(), cpuMs: cpuMs() };
      timer = setInterval(tick, 1);
    },
    stop() {
      clearInterval(timer);
      gc.disconnect();
      return figures;
    },
  };
}

function empty(): LoopStalls {
  return { stalls: 0, longTasks: 0, longTaskCpuMs: 0, longestTaskCpuMs: 0, longTaskGcMs: 0, waitedMs: 0 };
}
