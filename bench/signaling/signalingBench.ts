import { hardFileLimit, cpuSeconds, rssBytes } from '../support/processes';
import { percentile } from '../support/stats';
import type { Row } from '../report/model';
import { GeneratorPool, shares } from './generatorPool';
import { collectGarbage, InspectorSession, type CpuShare, type FunctionShare } from './cpuProfile';
import { measureRelaySteps, type RelayStepCost } from './relayCost';
import { startTarget, type RunningTarget, type TargetKind } from './targets';

export interface SignalingSettings {
  /** Which servers to measure (all three unless --servers= says otherwise), in this order. */
  servers: ReadonlyArray<TargetKind>;
  sessionCounts: number[];
  idleConnections: number;
  warmupMs: number;
  windowMs: number;
  /**
   * Most relay messages per second offered in the latency measurement. The rate used is at most
   * half of what the bare relay (measured first) carried, so no server is measured past
   * saturation merely because the machine is busy; all three get the same rate.
   */
  latencyRate: number;
  generators: number;
  /**
   * Start every server at once (--quick): our server's database start (seconds, tens of seconds on
   * a loaded machine) then overlaps the baselines' measurements instead of adding to the run; the
   * servers not being measured sit idle meanwhile. The full run starts each when its turn comes.
   */
  startTogether: boolean;
}

export interface LoadFigures {
  sessions: number;
  pairSeconds: number;
  pairFailed: number;
  /** Saturation: messages relayed per wall-clock second, and per second of server CPU time. */
  relayPerSecond: number;
  serverCpuShare: number;
  relayPerCpuSecond: number;
  saturatedP50Ms: number;
  /** At the fixed offered rate (messages per second). */
  latencyRate: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  lost: number;
  errors: number;
  /** The load generators' own event-loop delay p99 in the latency window (the worst generator): queueing outside the server. */
  generatorDelayP99Ms: number;
  /** Wall time of each step of this measurement (pairing, windows, profile, closing). */
  phaseSeconds: Record<string, number>;
  /** Largest session count: self time per part of the stack in a further saturated window. */
  cpuProfile?: CpuShare[];
  /** The same window: the functions with the most self time. */
  topFunctions?: FunctionShare[];
}

export interface TargetFigures {
  kind: TargetKind;
  bytesPerIdleConnection: number;
  loads: LoadFigures[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The largest session count this machine's open-file limit lets one server process hold. */
export function largestSessionCount(wanted: number): number {
  return Math.min(wanted, Math.floor((hardFileLimit() - 200) / 2));
}

export async function measureSignaling(
  settings: SignalingSettings,
  log: (line: string) => void,
): Promise<{ rows: Row[]; details: { servers: TargetFigures[]; ourRelaySteps: RelayStepCost[] } }> {
  const pool = GeneratorPool.start(settings.generators);
  const figures: TargetFigures[] = [];
  const rates = new Map<number, number>();
  const startedEarly = settings.startTogether ? settings.servers.map((kind) => startTarget(kind)) : [];
  // Awaited in turn below; a failure of a later one must not go unhandled meanwhile.
  for (const starting of startedEarly) starting.catch(() => undefined);
  try {
    for (const [index, kind] of settings.servers.entries()) {
      const waitStart = performance.now();
      const target = await (startedEarly[index] ?? startTarget(kind));
      log(`signaling ${kind}: started (waited ${((performance.now() - waitStart) / 1000).toFixed(1)} s)`);
      try {
        figures.push(await measureTarget(target, pool, settings, rates, log));
      } finally {
        await target.stop();
      }
    }
  } finally {
    // Servers started early but not reached (an earlier one failed) are stopped too.
    await Promise.allSettled(startedEarly.map(async (starting) => (await starting).stop()));
    await pool.stop();
  }
  const stepsStart = performance.now();
  const ourRelaySteps = await measureRelaySteps();
  log(`signaling: ours' relay steps timed in-process in ${((performance.now() - stepsStart) / 1000).toFixed(1)} s`);
  return { rows: signalingRows(figures, settings, ourRelaySteps), details: { servers: figures, ourRelaySteps } };
}

async function measureTarget(
  target: RunningTarget,
  pool: GeneratorPool,
  settings: SignalingSettings,
  /** session count → offered rate, fixed by the first server measured (bare) */
  rates: Map<number, number>,
  log: (line: string) => void,
): Promise<TargetFigures> {
  const idleStart = performance.now();
  const bytesPerIdleConnection = await idleMemory(target, pool, settings.idleConnections);
  log(`signaling ${target.kind}: ${(bytesPerIdleConnection / 1024).toFixed(1)} KiB per idle connection (${((performance.now() - idleStart) / 1000).toFixed(1)} s)`);
  const loads: LoadFigures[] = [];
  for (const sessions of settings.sessionCounts) {
    const load = await underLoad(target, pool, sessions, settings, (saturated) => {
      if (!rates.has(sessions)) rates.set(sessions, Math.max(200, Math.min(settings.latencyRate, Math.floor(saturated / 200) * 100)));
      return rates.get(sessions) as number;
    });
    log(
      `signaling ${target.kind} ${sessions} sessions: paired in ${load.pairSeconds.toFixed(1)} s, ` +
        `${Math.round(load.relayPerSecond)} msg/s at ${(load.serverCpuShare * 100).toFixed(0)} % server CPU ` +
        `(${Math.round(load.relayPerCpuSecond)} per CPU-second), p50/p99 ${load.latencyP50Ms.toFixed(2)}/${load.latencyP99Ms.toFixed(2)} ms ` +
        `at ${load.latencyRate}/s (generators' own loop delay p99 ${load.generatorDelayP99Ms.toFixed(2)} ms); ` +
        `phases ${Object.entries(load.phaseSeconds).map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`).join(', ')} s`,
    );
    if (load.topFunctions) {
      log(`signaling ${target.kind} ${sessions} sessions, self time: ${load.topFunctions.slice(0, 10).map((f) => `${f.fn} ${f.percent.toFixed(1)} %`).join('; ')}`);
    }
    loads.push(load);
  }
  return { kind: target.kind, bytesPerIdleConnection, loads };
}

/** RSS of the server before and after N idle client connections, divided by N. */
async function idleMemory(target: RunningTarget, pool: GeneratorPool, count: number): Promise<number> {
  // Warm up first, so code and buffer pools that every server allocates once are not counted.
  await pool.ask((index) => ({ cmd: 'idle', target, ...(shares(200, pool.size)[index] as { count: number; firstIndex: number }) }));
  await pool.ask(() => ({ cmd: 'close' }));
  await sleep(500);
  await collectGarbage(target.inspectorUrl);
  const before = rssBytes(target.pid);
  const opened = await pool.ask((index) => ({ cmd: 'idle', target, ...(shares(count, pool.size)[index] as { count: number; firstIndex: number }) }));
  await sleep(1_000);
  await collectGarbage(target.inspectorUrl);
  const after = rssBytes(target.pid);
  await pool.ask(() => ({ cmd: 'close' }));
  const total = opened.reduce((sum, reply) => sum + reply.opened, 0);
  const failure = opened.find((reply) => reply.failed > 0);
  if (failure) throw new Error(`${target.kind}: ${failure.failed} idle connections failed: ${failure.firstError}`);
  await sleep(500);
  return (after - before) / total;
}

async function underLoad(
  target: RunningTarget,
  pool: GeneratorPool,
  sessions: number,
  settings: SignalingSettings,
  rateFor: (saturatedPerSecond: number) => number,
): Promise<LoadFigures> {
  const phaseSeconds: Record<string, number> = {};
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phaseSeconds[name] = (now - phaseStart) / 1000;
    phaseStart = now;
  };
  const pairStart = performance.now();
  const paired = await pool.ask((index) => {
    const share = shares(sessions, pool.size)[index] as { count: number; firstIndex: number };
    return { cmd: 'pair', target, sessions: share.count, firstIndex: share.firstIndex + 100_000 };
  });
  const pairSeconds = (performance.now() - pairStart) / 1000;
  phase('pair');
  const pairFailed = paired.reduce((sum, reply) => sum + reply.failed, 0);
  if (pairFailed > 0) {
    throw new Error(`${target.kind}: ${pairFailed} of ${sessions} sessions failed to pair: ${paired.find((r) => r.firstError)?.firstError}`);
  }

  // Saturation: server CPU is read over the same window the generators count in.
  let cpuAtStart = 0;
  const cpuStartTimer = setTimeout(() => (cpuAtStart = cpuSeconds(target.pid)), settings.warmupMs);
  const saturatedStart = performance.now() + settings.warmupMs;
  const saturated = await pool.ask(() => ({ cmd: 'throughput', warmupMs: settings.warmupMs, windowMs: settings.windowMs }));
  const cpuUsed = cpuSeconds(target.pid) - cpuAtStart;
  const windowSeconds = (performance.now() - saturatedStart) / 1000;
  clearTimeout(cpuStartTimer);
  const relayed = saturated.reduce((sum, reply) => sum + reply.received, 0);
  const latencyRate = rateFor(relayed / windowSeconds);
  phase('saturated');
  await sleep(300);

  const fixed = await pool.ask(() => ({
    cmd: 'latency',
    warmupMs: Math.min(1_000, settings.warmupMs),
    windowMs: settings.windowMs,
    perSecond: latencyRate / pool.size,
  }));
  const latencies = fixed.flatMap((reply) => reply.latenciesMs);
  const sent = fixed.reduce((sum, reply) => sum + reply.sent, 0);
  const received = fixed.reduce((sum, reply) => sum + reply.received, 0);
  phase('latency');

  // Where the time goes changes with the session count: the profile is of the largest.
  let profile: { cpuProfile: CpuShare[]; topFunctions: FunctionShare[] } | undefined;
  if (target.inspectorUrl && sessions === Math.max(...settings.sessionCounts)) {
    await sleep(300);
    const inspector = await InspectorSession.connect(target.inspectorUrl);
    const { parts, topFunctions } = await inspector.profile(async () => {
      await pool.ask(() => ({ cmd: 'throughput', warmupMs: 200, windowMs: Math.min(settings.windowMs, 3_000) }));
    });
    inspector.close();
    profile = { cpuProfile: parts, topFunctions };
    phase('profile');
  }

  await pool.ask(() => ({ cmd: 'close' }));
  // Our server ends each closed session (and tells the other side): let that finish before the
  // next session count; after the last one the server is stopped, nothing to wait for.
  if (sessions !== settings.sessionCounts.at(-1)) await sleep(Math.min(5_000, 500 + sessions / 4));
  phase('close');
  return {
    phaseSeconds,
    sessions,
    pairSeconds,
    pairFailed,
    relayPerSecond: relayed / windowSeconds,
    serverCpuShare: cpuUsed / windowSeconds,
    relayPerCpuSecond: cpuUsed > 0 ? relayed / cpuUsed : Number.NaN,
    saturatedP50Ms: percentile(saturated.flatMap((reply) => reply.latenciesMs), 50),
    latencyRate,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    lost: Math.max(0, sent - received),
    errors: fixed.reduce((sum, reply) => sum + reply.errors, 0),
    generatorDelayP99Ms: Math.max(...fixed.map((reply) => reply.loopDelayP99Ms)),
    ...profile,
  };
}

function signalingRows(figures: TargetFigures[], settings: SignalingSettings, steps: RelayStepCost[]): Row[] {
  const of = (kind: TargetKind) => figures.find((figure) => figure.kind === kind);
  const ours = of('ours');
  const bare = of('bare');
  const peerjs = of('peerjs');
  const rows: Row[] = [];
  const largest = Math.max(...settings.sessionCounts);
  for (const sessions of settings.sessionCounts) {
    const load = (figure: TargetFigures | undefined) => figure?.loads.find((entry) => entry.sessions === sessions);
    const [o, b, p] = [load(ours), load(bare), load(peerjs)];
    const label = `${sessions.toLocaleString('en')} sessions`;
    const ofBare = o && b ? o.relayPerCpuSecond / b.relayPerCpuSecond : Number.NaN;
    const ofPeerjs = o && p ? o.relayPerCpuSecond / p.relayPerCpuSecond : Number.NaN;
    rows.push({
      section: 'signaling',
      figure: `relay per server core, ${label}`,
      unit: 'msg/CPU-s',
      ours: o?.relayPerCpuSecond ?? null,
      limit: b?.relayPerCpuSecond ?? null,
      peerjs: p?.relayPerCpuSecond ?? null,
      target: '≥ 90 % of bare, ≥ 1.25× PeerJS',
      // A target compared with a server left out of this run (--servers) is not decided.
      met: Number.isNaN(ofBare) || Number.isNaN(ofPeerjs) ? null : ofBare >= 0.9 && ofPeerjs >= 1.25,
      note: [
        Number.isNaN(ofBare) ? undefined : `${(ofBare * 100).toFixed(0)} % of bare`,
        Number.isNaN(ofPeerjs) ? undefined : `${ofPeerjs.toFixed(2)}× PeerJS`,
      ]
        .filter(Boolean)
        .join(', '),
    });
    const perMessage = (x: LoadFigures | undefined) => (x ? 1e6 / x.relayPerCpuSecond : null);
    const costliest = [...steps].sort((a, b) => b.microseconds - a.microseconds).slice(0, 3);
    rows.push({
      section: 'signaling',
      figure: `server CPU per relayed message, ${label}`,
      unit: 'µs',
      ours: perMessage(o),
      limit: perMessage(b),
      peerjs: perMessage(p),
      note: `ours' own steps timed in-process: ${costliest.map((c) => `${c.step} ${c.microseconds.toFixed(1)}`).join(', ')} µs`,
    });
    // The same µs split by part of the stack (CPU profiles), for the parts that cost ours most.
    const share = (x: LoadFigures | undefined, part: string) => {
      const found = x?.cpuProfile?.find((entry) => entry.part === part);
      return x?.cpuProfile && found ? (found.percent / 100) * (perMessage(x) ?? 0) : x?.cpuProfile ? 0 : null;
    };
    for (const part of (o?.cpuProfile ?? []).slice(0, 5).map((entry) => entry.part)) {
      rows.push({ section: 'signaling', figure: `  of which ${part}`, unit: 'µs', ours: share(o, part), limit: share(b, part), peerjs: share(p, part) });
    }
    rows.push({
      section: 'signaling',
      figure: `relay wall-clock, ${label}`,
      unit: 'msg/s',
      ours: o?.relayPerSecond ?? null,
      limit: b?.relayPerSecond ?? null,
      peerjs: p?.relayPerSecond ?? null,
      note: `server CPU ${[o, b, p].map((x) => (x ? `${(x.serverCpuShare * 100).toFixed(0)} %` : '–')).join(' / ')}`,
    });
    for (const [name, key] of [
      ['p50', 'latencyP50Ms'],
      ['p99', 'latencyP99Ms'],
    ] as const) {
      const isTarget = name === 'p99' && sessions === largest && sessions >= 5_000;
      rows.push({
        section: 'signaling',
        figure: `relay latency ${name} at ${(o ?? b)?.latencyRate.toLocaleString('en')} msg/s, ${label}`,
        unit: 'ms',
        ours: o?.[key] ?? null,
        limit: b?.[key] ?? null,
        peerjs: p?.[key] ?? null,
        decimals: 2,
        ...(isTarget
          ? {
              target: '< 5 ms, below bare and PeerJS',
              // Undecided when a baseline was left out of this run (--servers).
              met: o && b && p ? o[key] < 5 && o[key] < b[key] && o[key] < p[key] : null,
            }
          : {}),
        ...(name === 'p99' ? { note: latencyNote(o, b, p) } : {}),
      });
    }
  }
  rows.push({
    section: 'signaling',
    figure: `memory per idle connection (${settings.idleConnections.toLocaleString('en')} sockets)`,
    unit: 'KiB',
    ours: ours ? ours.bytesPerIdleConnection / 1024 : null,
    limit: bare ? bare.bytesPerIdleConnection / 1024 : null,
    peerjs: peerjs ? peerjs.bytesPerIdleConnection / 1024 : null,
    target: '≤ 8 KiB',
    met: ours ? ours.bytesPerIdleConnection <= 8 * 1024 : null,
    ...(settings.idleConnections < 5_000
      ? { note: 'few sockets: heap growth steps weigh in; the full run measures 10,000' }
      : {}),
  });
  return rows;
}

/**
 * Why a latency figure may be high: lost or refused messages, an offered rate near saturation, or
 * the load generators' own event loop (a p99 below its delay measures them, not the server).
 */
function latencyNote(load: LoadFigures | undefined, ...baselines: Array<LoadFigures | undefined>): string {
  if (!load) return '';
  const notes: string[] = [];
  const delays = [load, ...baselines].map((x) => (x ? x.generatorDelayP99Ms.toFixed(1) : '–'));
  notes.push(`generators' loop delay p99 ${delays.join(' / ')} ms`);
  if (load.lost + load.errors > 0) notes.push(`ours: ${load.lost} lost, ${load.errors} errors`);
  if (load.relayPerSecond < load.latencyRate * 1.5) {
    notes.push(`ours saturates at ${Math.round(load.relayPerSecond)} msg/s on this machine now: queueing`);
  }
  return notes.join('; ');
}
