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
import { percentile } from '../support/stats';
import { benchDatabase, benchDatabaseKind } from './benchDatabase';

export interface AuditBenchSettings {
  /** Paired sessions that carry the relay traffic. */
  sessions: number;
  /** Sessions set up (and closed) by a second generator during the latency window: audit writes while relaying. */
  churnSessions: number;
  warmupMs: number;
  windowMs: number;
  /** Most messages per second offered in the latency window (at most half of what "off" carried saturated; the same for both modes). */
  latencyRate: number;
  generators: number;
}

type AuditMode = 'off' | 'on';

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
  for (const mode of ['off', 'on'] as const) {
    const target = await startAuditTarget(mode);
    try {
      // Offered at most half of what "off" carried saturated, the same for "on": below saturation.
      const figure = await measureMode(target, mode, settings, (saturated) => (rate ??= Math.max(100, Math.min(settings.latencyRate, Math.floor(saturated / 200) * 100))));
      log(
        `audit ${mode} (${benchDatabaseKind()}): ${figure.pairPerSecond.toFixed(0)} sessions/s set up, ${figure.relayPerSecond.toFixed(0)} msg/s (${figure.relayPerCpuSecond.toFixed(0)} per CPU-second), ` +
          `p50/p99 ${figure.latencyP50Ms.toFixed(2)}/${figure.latencyP99Ms.toFixed(2)} ms at ${figure.latencyRate}/s beside ${figure.churnPerSecond.toFixed(0)} new sessions/s`,
      );
      figures.push(figure);
    } finally {
      await target.stop();
    }
  }
  return { rows: auditRows(figures, settings), details: figures };
}

async function measureMode(target: RunningTarget, mode: AuditMode, settings: AuditBenchSettings, rateFor: (saturatedPerSecond: number) => number): Promise<AuditFigures> {
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

    const churnStart = performance.now();
    const [fixed, churned] = await Promise.all([
      pool.ask(() => ({ cmd: 'latency', warmupMs: Math.min(1_000, settings.warmupMs), windowMs: settings.windowMs, perSecond: latencyRate / pool.size })),
      churn.ask(() => ({ cmd: 'pair', target, sessions: settings.churnSessions, firstIndex: 600_000 })),
    ]);
    const churnSeconds = (performance.now() - churnStart) / 1000;
    const latencies = fixed.flatMap((reply) => reply.latenciesMs);
    const sent = fixed.reduce((sum, reply) => sum + reply.sent, 0);
    const received = fixed.reduce((sum, reply) => sum + reply.received, 0);
    await Promise.all([pool.ask(() => ({ cmd: 'close' })), churn.ask(() => ({ cmd: 'close' }))]);
    await sleep(Math.min(5_000, 500 + settings.sessions / 4));
    return {
      mode,
      pairPerSecond: settings.sessions / pairSeconds,
      relayPerSecond: relayed / windowSeconds,
      relayPerCpuSecond: cpuUsed > 0 ? relayed / cpuUsed : Number.NaN,
      latencyRate,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      churnPerSecond: (churned[0]?.paired ?? 0) / churnSeconds,
      lost: Math.max(0, sent - received),
    };
  } finally {
    await Promise.all([pool.stop(), churn.stop()]);
  }
}

function auditRows(figures: AuditFigures[], settings: AuditBenchSettings): Row[] {
  const on = figures.find((figure) => figure.mode === 'on');
  const off = figures.find((figure) => figure.mode === 'off');
  if (!on || !off) return [];
  const note = `Limit = the same server with the audit trail off, measured just before; database: ${benchDatabaseKind()}`;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
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
      figure: 'session set-up (key issued, consent: 2 events each)',
      unit: 'sessions/s',
      ours: on.pairPerSecond,
      limit: off.pairPerSecond,
      note: 'each step is acknowledged only after its event is committed',
    },
  ];
}

async function startAuditTarget(mode: AuditMode): Promise<RunningTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `bench-audit-${mode}-`));
  const database = await benchDatabase(mode);
  if (!database.env.DATABASE_URL) await copyEmptyDatabase(path.join(dataDir, 'database'));
  // BENCH_AUDIT_PROFILE=<folder>: each server writes a V8 CPU profile of its whole run there (audit-on-….cpuprofile).
  const profileDir = process.env.BENCH_AUDIT_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=audit-${mode}-${process.pid}.cpuprofile`] : [];
  const child = spawnWithFileLimit(process.execPath, [...profile, '--import', 'tsx', path.join(here, 'auditServer.ts'), `--audit=${mode}`], {
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
  });
  const customerPage = await waitForOutput(child, /Customer page:\s+(\S+)/, 120_000);
  const url = new URL(customerPage).origin;
  drain(child);
  return {
    kind: 'ours',
    url,
    agentCookie: await signIn(url),
    pid: pidOf(child),
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}
