import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { GeneratorCommand, GeneratorReply } from './generatorMessages';
import { openIdle, pairSession, type PairedSession, type Side } from './protocols';
import type { BenchSocket } from './socketClient';
import type { TargetAddress } from './targets';

/**
 * A load-generator process (started by generatorPool.ts, never in the server's process): holds
 * its share of the sockets, pairs sessions, and drives relay traffic on command.
 */
const SETUP_CONCURRENCY = 100;
const MAX_SAMPLES = 200_000;

let idle: BenchSocket[] = [];
let sessions: PairedSession[] = [];
/** When message seq was sent (performance.now()), at seq % its length; NaN once received. */
const sentAt = new Float64Array(1 << 20).fill(Number.NaN);
const slotOf = (seq: number) => seq & (sentAt.length - 1);
/** This process's own event-loop delay during a window: what of a latency is queueing here, not in the server. */
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let nextSeq = 1;
let counting = false;
let answerAtOnce = false;
let received = 0;
let sent = 0;
let latencies: number[] = [];
/** When each slow message (> SLOW_MS) was sent, in order of arrival. */
let slowSentAt: number[] = [];
const SLOW_MS = 20;
const EPISODE_GAP_MS = 50;

function reply(message: GeneratorReply): void {
  process.send?.(message);
}

async function inBatches<T>(count: number, work: (index: number) => Promise<T>): Promise<{ done: T[]; failed: number; firstError?: string }> {
  const done: T[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        done.push(await work(index));
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
  return { done, failed, firstError };
}

function send(session: PairedSession, side: Side): void {
  const seq = nextSeq++;
  sentAt[slotOf(seq)] = performance.now();
  if (counting) sent += 1;
  session.send(side, seq);
}

function listen(session: PairedSession): void {
  session.sockets.forEach((socket, index) => {
    const side = index as Side;
    socket.onRelay = (seq) => {
      const now = performance.now();
      const at = sentAt[slotOf(seq)] as number;
      sentAt[slotOf(seq)] = Number.NaN;
      if (counting) {
        received += 1;
        if (!Number.isNaN(at) && latencies.length < MAX_SAMPLES) latencies.push(now - at);
        if (!Number.isNaN(at) && now - at > SLOW_MS && slowSentAt.length < MAX_SAMPLES) slowSentAt.push(at);
      }
      // Closed loop: the receiving side answers, so the message goes back the other way.
      if (answerAtOnce) send(session, side);
    };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startCounting(): void {
  counting = true;
  received = 0;
  sent = 0;
  latencies = [];
  slowSentAt = [];
  loopDelay.reset();
  loopDelay.enable();
}

async function stopAndReport(cmd: 'throughput' | 'latency'): Promise<void> {
  counting = false;
  answerAtOnce = false;
  loopDelay.disable();
  const errors = sessions.reduce((sum, session) => sum + session.sockets[0].errors + session.sockets[1].errors, 0);
  const loopDelayP99Ms = loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0;
  const loopDelayMaxMs = loopDelay.count > 0 ? loopDelay.max / 1e6 : 0;
  reply({ cmd, sent, received, errors, latenciesMs: latencies, loopDelayP99Ms, loopDelayMaxMs, ...slowEpisodes() });
  await sleep(0);
}

function slowEpisodes(): { slowEpisodes: number; longestSlowEpisodeMs: number } {
  const sorted = Float64Array.from(slowSentAt).sort();
  let episodes = 0;
  let longest = 0;
  let start = Number.NaN;
  let previous = Number.NaN;
  for (const at of sorted) {
    if (!(at - previous < EPISODE_GAP_MS)) {
      episodes += 1;
      start = at;
    }
    longest = Math.max(longest, at - start);
    previous = at;
  }
  return { slowEpisodes: episodes, longestSlowEpisodeMs: longest };
}

async function throughput(warmupMs: number, windowMs: number): Promise<void> {
  sentAt.fill(Number.NaN);
  answerAtOnce = true;
  for (const session of sessions) send(session, 0);
  await sleep(warmupMs);
  startCounting();
  await sleep(windowMs);
  await stopAndReport('throughput');
}

async function pacedPairs(target: TargetAddress, perSecond: number, durationMs: number, firstIndex: number): Promise<void> {
  const startedAt = performance.now();
  const pairing: Promise<void>[] = [];
  const done: PairedSession[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * perSecond) - pairing.length;
    for (let i = 0; i < due; i += 1) {
      pairing.push(
        pairSession(target, firstIndex + pairing.length).then(
          (session) => void done.push(session),
          (error: unknown) => {
            failed += 1;
            firstError ??= error instanceof Error ? error.message : String(error);
          },
        ),
      );
    }
  }, 5);
  await sleep(durationMs);
  clearInterval(timer);
  await Promise.all(pairing);
  sessions = done;
  reply({ cmd: 'pace-pairs', paired: done.length, failed, firstError });
}

async function fixedRate(warmupMs: number, windowMs: number, perSecond: number): Promise<void> {
  sentAt.fill(Number.NaN);
  const startedAt = performance.now();
  let issued = 0;
  let cursor = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * perSecond) - issued;
    for (let i = 0; i < due && sessions.length > 0; i += 1) {
      const session = sessions[cursor % sessions.length] as PairedSession;
      send(session, (Math.floor(cursor / sessions.length) % 2) as Side);
      cursor += 1;
      issued += 1;
    }
  }, 2);
  await sleep(warmupMs);
  startCounting();
  await sleep(windowMs);
  clearInterval(timer);
  // Let the last messages arrive before counting stops.
  await sleep(200);
  await stopAndReport('latency');
}

async function handle(command: GeneratorCommand): Promise<void> {
  switch (command.cmd) {
    case 'idle': {
      const result = await inBatches(command.count, (index) => openIdle(command.target, command.firstIndex + index));
      idle = result.done;
      return reply({ cmd: 'idle', opened: idle.length, failed: result.failed, firstError: result.firstError });
    }
    case 'pair': {
      for (const socket of idle) socket.close();
      idle = [];
      const result = await inBatches(command.sessions, (index) => pairSession(command.target, command.firstIndex + index));
      sessions = result.done;
      sessions.forEach(listen);
      return reply({ cmd: 'pair', paired: sessions.length, failed: result.failed, firstError: result.firstError });
    }
    case 'pace-pairs':
      return pacedPairs(command.target, command.perSecond, command.durationMs, command.firstIndex);
    case 'throughput':
      return throughput(command.warmupMs, command.windowMs);
    case 'latency':
      return fixedRate(command.warmupMs, command.windowMs, command.perSecond);
    case 'close':
      for (const socket of idle) socket.close();
      for (const session of sessions) for (const socket of session.sockets) socket.close();
      idle = [];
      sessions = [];
      return reply({ cmd: 'close' });
  }
}

process.on('message', (command: GeneratorCommand) => {
  handle(command).catch((error: unknown) => {
    console.error('load generator failed:', error);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
