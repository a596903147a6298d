import type { TargetAddress } from './targets';

/** What the bench tells a load-generator process, and what it answers (over the IPC channel). */
export type GeneratorCommand =
  | { cmd: 'idle'; target: TargetAddress; count: number; firstIndex: number }
  | { cmd: 'pair'; target: TargetAddress; sessions: number; firstIndex: number }
  /** Sessions paired at a steady rate for durationMs (each started on time, not after the last): set-up work spread evenly. */
  | { cmd: 'pace-pairs'; target: TargetAddress; perSecond: number; durationMs: number; firstIndex: number }
  /** Each session keeps one message in flight, answered at once by the other side: saturation. */
  | { cmd: 'throughput'; warmupMs: number; windowMs: number }
  /** Messages sent at a fixed total rate, round-robin over the sessions, alternating sides. */
  | { cmd: 'latency'; warmupMs: number; windowMs: number; perSecond: number }
  | { cmd: 'close' };

export type GeneratorReply =
  | { cmd: 'idle'; opened: number; failed: number; firstError?: string }
  | { cmd: 'pair'; paired: number; failed: number; firstError?: string }
  | { cmd: 'pace-pairs'; paired: number; failed: number; firstError?: string }
  | {
      cmd: 'throughput' | 'latency';
      sent: number;
      received: number;
      errors: number;
      latenciesMs: number[];
      /** The generator's own event-loop delay p99 over the window (ms): its part of a latency tail. */
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
      /**
       * Messages slower than 20 ms, grouped into episodes (slow messages sent less than 50 ms apart
       * belong to one): one long stall somewhere, or many short ones.
       */
      slowEpisodes: number;
      longestSlowEpisodeMs: number;
    }
  | { cmd: 'close' };
