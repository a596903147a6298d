import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from '../report/model';
import { GeneratorPool, shares } from '../signaling/generatorPool';
import { BENCH_AGENT, OUR_BENCH_ENV, drain, pidOf, signIn, type RunningTarget } from '../signaling/targets';
import { cpuSeconds, spawnWithFileLimit, stopChild, waitForOutput } from '../support/processes';
import { copyEmptyDatabase } from '../support/databaseTemplate';
import { serverEntry } from '../support/paths';
import { midpointMedian, percentile } from '../support/stats';
import { benchDatabase, benchDatabaseKind } from './benchDatabase';
import { cpuSharesBetween, cpuSnapshot, describeCpuShares, type CpuShares } from './cpuShares';
import { STALL_MS } from './loopStalls';
import type { ProbeCommand, ProbeReply, ServerLoopFigures } from './serverProbe';

export interface AuditBenchSettings {
  /** Paired sessions that carry the relay traffic. */
  sessions: number;
  /**
   * New sessions per second set up by a second generator at a steady pace through the whole latency
   * window, the same in every mode: audit writes while relaying (as a burst, "off" set them up before
   * the window opened and "on", slower, inside it: the set-up work itself then landed in one mode only).
   */
  churnPerSecond: number;
  warmupMs: number;
  windowMs: number;
  /** Most messages per second offered in the latency window (at most half of what "off" carried saturated; the same for both modes). */
  latencyRate: number;
  generators: number;
}

/** off: no trail; on: the real trail; wait: no writes, but each step waits for a simulated group commit (delayedAuditLog.ts). */
type AuditMode = 'off' | 'on' | 'wait';
const AUDIT_MODES: readonly AuditMode[] = ['off', 'on', 'wait'];

/**
 * The modes to run, in order: `BENCH_AUDIT_MODES=off,on,off,on` alternates (the figures compared
 * are each mode's median); `wait` (commit `BENCH_AUDIT_COMMIT_MS` long, default 10) may be added.
 */
function auditModes(): AuditMode[] {
  const modes = (process.env.BENCH_AUDIT_MODES ?? 'off,on').split(',').map((mode) => mode.trim());
  const unknown = modes.find((mode) => !AUDIT_MODES.includes(mode as AuditMode));
  if (unknown !== undefined) throw new Error(`BENCH_AUDIT_MODES: "${unknown}" is not one of ${AUDIT_MODES.join(', ')}`);
  return modes as AuditMode[];
}

export interface AuditFigures {
  mode: AuditMode;
  /** Sessions paired per second (each writes key.issued and consent.given on the way). */
  pairPerSecond: number;
  relayPerSecond: number;
  relayPerCpuSecond: number;
  /** Offered messages per second in the latency window. */
  latencyRate: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  churnPerSecond: number;
  lost: number;
  /** The load generators' own event-loop delay p99 in the window (their part of a latency tail), worst of them. */
  generatorLoopDelayP99Ms: number;
  generatorLoopDelayMaxMs: number;
  /** Messages slower than 20 ms, grouped into episodes (loadGenerator.ts), summed over the generators; the longest. */
  slowEpisodes: number;
  longestSlowEpisodeMs: number;
  /** The server's own event loop and GC during the latency window. */
  serverLoop: ServerLoopFigures;
  /** Where the machine's CPU went during the latency window. */
  cpu: CpuShares;
}

/** Our server under test, which also reports its event loop over the IPC channel (serverProbe.ts). */
interface AuditTarget extends RunningTarget {
  probe(command: ProbeCommand): Promise<ServerLoopFigures | undefined>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The relay with the audit trail on and off: the same server (from source), the same load, one
 * after the other in one run. Relayed signals write no events; session set-up does (key issued,
 * consent), so the latency window runs beside a churn of sessions being set up and ended.
 */
export async function measureAudit(settings: AuditBenchSettings, log: (line: string) => void): Promise<{ rows: Row[]; details: AuditFigures[] }> {
  const figures: AuditFigures[] = [];
  let rate: number | undefined;
  for (const mode of auditModes()) {
    const target = await startAuditTarget(mode);
    try {
      // Offered at most half of what "off" carried saturated, the same for "on": below saturation.
      const figure = await measureMode(target, mode, settings, (saturated) => (rate ??= Math.max(100, Math.min(settings.latencyRate, Math.floor(saturated / 200) * 100))));
      const loop = figure.serverLoop;
      log(
        `audit ${mode} (${benchDatabaseKind()}): ${figure.pairPerSecond.toFixed(0)} sessions/s set up, ${figure.relayPerSecond.toFixed(0)} msg/s (${figure.relayPerCpuSecond.toFixed(0)} per CPU-second), ` +
          `p50/p99 ${figure.latencyP50Ms.toFixed(2)}/${figure.latencyP99Ms.toFixed(2)} ms at ${figure.latencyRate}/s beside ${figure.churnPerSecond.toFixed(0)} new sessions/s ` +
          `(generators' own loop delay p99/max ${figure.generatorLoopDelayP99Ms.toFixed(1)}/${figure.generatorLoopDelayMaxMs.toFixed(1)} ms; ` +
          `messages > 20 ms in ${figure.slowEpisodes} episodes, longest ${figure.longestSlowEpisodeMs.toFixed(0)} ms)`,
      );
      log(
        `  server in the window: loop delay p50/p99/max ${loop.loopDelayP50Ms.toFixed(1)}/${loop.loopDelayP99Ms.toFixed(1)}/${loop.loopDelayMaxMs.toFixed(1)} ms, ` +
          `loop busy ${(loop.loopUtilization * 100).toFixed(0)} %, GC ${loop.gcCount} pauses ${loop.gcTotalMs.toFixed(0)} ms (longest ${loop.gcMaxMs.toFixed(1)} ms; ${describeGc(loop)}), ` +
          `${mib(loop.allocatedBytes)} allocated, ${mib(loop.survivedBytes)} survived scavenges, ${mib(loop.promotedBytes)} promoted; ` +
          `${loop.appends} appends acknowledged after p50/p99 ${loop.appendP50Ms.toFixed(1)}/${loop.appendP99Ms.toFixed(1)} ms`,
      );
      log(
        `  stalls > ${STALL_MS} ms: ${loop.stalls.stalls}, of which long tasks ${loop.stalls.longTasks} (${loop.stalls.longTaskCpuMs.toFixed(0)} ms CPU, longest ${loop.stalls.longestTaskCpuMs.toFixed(1)} ms, GC in them ${loop.stalls.longTaskGcMs.toFixed(0)} ms); ` +
          `waiting for a core ${loop.stalls.waitedMs.toFixed(0)} ms`,
      );
      log(`  CPU in the window: ${describeCpuShares(figure.cpu)}`);
      figures.push(figure);
    } finally {
      await target.stop();
    }
  }
  return { rows: auditRows(figures, settings), details: figures };
}

async function measureMode(target: AuditTarget, mode: AuditMode, settings: AuditBenchSettings, rateFor: (saturatedPerSecond: number) => number): Promise<AuditFigures> {
  const pool = GeneratorPool.start(settings.generators);
  const churn = GeneratorPool.start(1);
  try {
    const pairStart = performance.now();
    const paired = await pool.ask((index) => {
      const share = shares(settings.sessions, pool.size)[index] as { count: number; firstIndex: number };
      return { cmd: 'pair', target, sessions: share.count, firstIndex: share.firstIndex + 100_000 };
    });
    const pairSeconds = (performance.now() - pairStart) / 1000;
    const failed = paired.find((reply) => reply.failed > 0);
    if (failed) throw new Error(`audit ${mode}: ${failed.failed} sessions failed to pair: ${failed.firstError}`);

    const cpuBefore = { at: 0, cpu: 0 };
    const cpuTimer = setTimeout(() => Object.assign(cpuBefore, { at: performance.now(), cpu: cpuSeconds(target.pid) }), settings.warmupMs);
    const saturated = await pool.ask(() => ({ cmd: 'throughput', warmupMs: settings.warmupMs, windowMs: settings.windowMs }));
    clearTimeout(cpuTimer);
    const windowSeconds = (performance.now() - cpuBefore.at) / 1000;
    const cpuUsed = cpuSeconds(target.pid) - cpuBefore.cpu;
    const relayed = saturated.reduce((sum, reply) => sum + reply.received, 0);
    const latencyRate = rateFor(relayed / windowSeconds);
    await sleep(300);

    // The server's own view, over the generators' counting window (after their warm-up).
    let cpuAtStart: ReturnType<typeof cpuSnapshot> | undefined;
    const realtime = process.env.BENCH_AUDIT_REALTIME === '1' ? [target.pid, ...pool.pids] : [];
    const probeTimer = setTimeout(() => {
      setRealtime(realtime, true);
      cpuAtStart = cpuSnapshot(target.pid);
      void target.probe({ probe: 'start' });
    }, Math.min(1_000, settings.warmupMs));
    const latencyWarmupMs = Math.min(1_000, settings.warmupMs);
    const [fixed, churned] = await Promise.all([
      pool.ask(() => ({ cmd: 'latency', warmupMs: latencyWarmupMs, windowMs: settings.windowMs, perSecond: latencyRate / pool.size })),
      churn.ask(() => ({ cmd: 'pace-pairs', target, perSecond: settings.churnPerSecond, durationMs: latencyWarmupMs + settings.windowMs, firstIndex: 600_000 })),
    ]);
    const churnReply = churned[0];
    if (churnReply?.cmd !== 'pace-pairs') throw new Error(`audit ${mode}: the churn generator did not answer`);
    if (churnReply.failed > 0) throw new Error(`audit ${mode}: ${churnReply.failed} churn sessions failed to pair: ${churnReply.firstError}`);
    clearTimeout(probeTimer);
    setRealtime(realtime, false);
    const cpu = cpuSharesBetween(target.pid, cpuAtStart ?? cpuSnapshot(target.pid), cpuSnapshot(target.pid));
    const serverLoop = await target.probe({ probe: 'stop' });
    if (!serverLoop) throw new Error(`audit ${mode}: the server did not report its event loop`);
    const latencies = fixed.flatMap((reply) => reply.latenciesMs);
    const sent = fixed.reduce((sum, reply) => sum + reply.sent, 0);
    const received = fixed.reduce((sum, reply) => sum + reply.received, 0);
    // The server is stopped next (each mode starts its own): no need to wait for it to end the closed sessions.
    await Promise.all([pool.ask(() => ({ cmd: 'close' })), churn.ask(() => ({ cmd: 'close' }))]);
    return {
      mode,
      pairPerSecond: settings.sessions / pairSeconds,
      relayPerSecond: relayed / windowSeconds,
      relayPerCpuSecond: cpuUsed > 0 ? relayed / cpuUsed : Number.NaN,
      latencyRate,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      churnPerSecond: churnReply.paired / ((latencyWarmupMs + settings.windowMs) / 1000),
      lost: Math.max(0, sent - received),
      generatorLoopDelayP99Ms: Math.max(...fixed.map((reply) => reply.loopDelayP99Ms)),
      generatorLoopDelayMaxMs: Math.max(...fixed.map((reply) => reply.loopDelayMaxMs)),
      slowEpisodes: fixed.reduce((sum, reply) => sum + reply.slowEpisodes, 0),
      longestSlowEpisodeMs: Math.max(...fixed.map((reply) => reply.longestSlowEpisodeMs)),
      serverLoop,
      cpu,
    };
  } finally {
    await Promise.all([pool.stop(), churn.stop()]);
  }
}

/**
 * BENCH_AUDIT_REALTIME=1 (root, Linux): during the latency window the server's event loop and the
 * latency generators' loops run under SCHED_FIFO, so no other thread (the database's included)
 * takes their core when they have work: what remains of the tail is their own work. Only their
 * main threads, only for the window; the churn generator and the database stay as they are.
 */
function setRealtime(threadIds: readonly number[], on: boolean): void {
  for (const tid of threadIds) execFileSync('chrt', on ? ['-f', '-p', '10', String(tid)] : ['-o', '-p', '0', String(tid)]);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function describeGc(loop: ServerLoopFigures): string {
  return Object.entries(loop.gcByKind)
    .map(([kind, { count, totalMs }]) => `${kind} ${count}× ${totalMs.toFixed(0)} ms`)
    .join(', ');
}

/** Each figure as the median over the runs of one mode (one run: its figure). */
function medianOf(figures: readonly AuditFigures[], mode: AuditMode) {
  const runs = figures.filter((figure) => figure.mode === mode);
  if (runs.length === 0) return undefined;
  const of = (pick: (figure: AuditFigures) => number) => midpointMedian(runs.map(pick));
  return {
    runs: runs.length,
    latencyRate: runs[0]?.latencyRate ?? Number.NaN,
    relayPerCpuSecond: of((figure) => figure.relayPerCpuSecond),
    latencyP50Ms: of((figure) => figure.latencyP50Ms),
    latencyP99Ms: of((figure) => figure.latencyP99Ms),
    churnPerSecond: of((figure) => figure.churnPerSecond),
    pairPerSecond: of((figure) => figure.pairPerSecond),
    serverLoopDelayP99Ms: of((figure) => figure.serverLoop.loopDelayP99Ms),
  };
}

function auditRows(figures: AuditFigures[], settings: AuditBenchSettings): Row[] {
  const on = medianOf(figures, 'on');
  const off = medianOf(figures, 'off');
  if (!on || !off) return [];
  const runs = on.runs > 1 || off.runs > 1 ? ` (medians of ${on.runs} on / ${off.runs} off runs, alternating)` : '';
  const note = `Limit = the same server with the audit trail off, measured just before; database: ${benchDatabaseKind()}${runs}`;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  const wait = medianOf(figures, 'wait');
  return [
    {
      section: 'audit',
      figure: `relay per CPU-second, ${settings.sessions} sessions, audit on vs off`,
      unit: 'msg/CPU-s',
      ours: on.relayPerCpuSecond,
      limit: off.relayPerCpuSecond,
      target: '≥ 90 % of audit off',
      met: ratio(on.relayPerCpuSecond, off.relayPerCpuSecond) >= 0.9,
      note,
    },
    {
      section: 'audit',
      figure: `relay p99 at ${on.latencyRate}/s beside ${on.churnPerSecond.toFixed(0)} new sessions/s`,
      unit: 'ms',
      ours: on.latencyP99Ms,
      limit: off.latencyP99Ms,
      target: '≤ 110 % of audit off',
      met: ratio(on.latencyP99Ms, off.latencyP99Ms) <= 1.1,
      note: `p50 ${on.latencyP50Ms.toFixed(2)} vs ${off.latencyP50Ms.toFixed(2)} ms; off set up ${off.churnPerSecond.toFixed(0)} sessions/s`,
      decimals: 2,
    },
    {
      section: 'audit',
      figure: "server's event-loop delay p99 in that window",
      unit: 'ms',
      ours: on.serverLoopDelayP99Ms,
      limit: off.serverLoopDelayP99Ms,
      note: 'how late a 1 ms timer ran in the server (monitorEventLoopDelay): its own stalls and its waits for a core',
      decimals: 2,
    },
    ...(wait
      ? [
          {
            section: 'audit',
            figure: `relay p99, steps waiting for a simulated ${commitMs()} ms group commit, no writes`,
            unit: 'ms',
            ours: wait.latencyP99Ms,
            limit: off.latencyP99Ms,
            note: `p50 ${wait.latencyP50Ms.toFixed(2)} ms; server loop delay p99 ${wait.serverLoopDelayP99Ms.toFixed(2)} ms`,
            decimals: 2,
          } satisfies Row,
        ]
      : []),
    {
      section: 'audit',
      figure: 'session set-up (key issued, consent: 2 events each)',
      unit: 'sessions/s',
      ours: on.pairPerSecond,
      limit: off.pairPerSecond,
      note: 'each step is acknowledged only after its event is committed',
    },
  ];
}

const commitMs = () => Number(process.env.BENCH_AUDIT_COMMIT_MS ?? 10);

async function startAuditTarget(mode: AuditMode): Promise<AuditTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `bench-audit-${mode}-`));
  const database = await benchDatabase(mode);
  if (!database.env.DATABASE_URL) await copyEmptyDatabase(path.join(dataDir, 'database'));
  // BENCH_AUDIT_PROFILE=<folder>: each server writes a V8 CPU profile of its whole run there (audit-on-….cpuprofile).
  const profileDir = process.env.BENCH_AUDIT_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=audit-${mode}-${process.pid}.cpuprofile`] : [];
  const child = spawnWithFileLimit(process.execPath, [...profile, '--import', 'tsx', path.join(here, 'auditServer.ts'), `--audit=${mode}`, `--commit-ms=${commitMs()}`], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_AGENT: `${BENCH_AGENT.username}:${BENCH_AGENT.password}`,
      AGENTS_FILE: path.join(dataDir, 'agents.json'),
      DATABASE_DIR: path.join(dataDir, 'database'),
      // From source, the server would look for the pages beside it: use the build's.
      WEB_ROOT: path.join(path.dirname(serverEntry), '../web'),
      ...database.env,
      ...OUR_BENCH_ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const customerPage = await waitForOutput(child, /Customer page:\s+(\S+)/, 120_000);
  const url = new URL(customerPage).origin;
  drain(child);
  return {
    kind: 'ours',
    url,
    agentCookie: await signIn(url),
    pid: pidOf(child),
    probe(command) {
      if (command.probe === 'start') {
        child.send(command);
        return Promise.resolve(undefined);
      }
      return new Promise((resolve) => {
        child.once('message', (reply: ProbeReply) => resolve(reply.figures));
        child.send(command);
      });
    },
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}
