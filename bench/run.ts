import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { BenchRun, Row } from './report/model';
import { saveRun, shortCommit } from './report/save';
import { renderTable } from './report/table';
import { renderSectionTimes, SectionClock } from './report/sectionTimes';
import { settingsFrom } from './settings';
import { measureSignaling } from './signaling/signalingBench';
import { measureJoin } from './join/joinBench';
import { openStage } from './join/stage';
import { measurePicture } from './picture/pictureBench';
import { repoRoot, serverEntry } from './support/paths';
import { hardFileLimit } from './support/processes';
import { wallClockOffsetMs, wallClockWarning } from './support/wallClock';
import { netemAvailable, uplinkUnavailable } from './uplink/namespace';
import { measureUplink, openUplinkStage } from './uplink/uplinkBench';
import { measureAudit } from './audit/auditBench';
import { measureHistory } from './history/historyBench';

/**
 * npm run bench [-- --quick] [--only=signaling,join,picture,uplink,audit,history] [--servers=bare,ours,peerjs] [--sessions=1000,10000]
 *   [--uplink=300kbit,1mbit,2mbit] [--delay=40ms] [--loss=1%]
 * Measures our stack beside its baselines in one run, prints one table, saves it as JSON.
 */
async function main(): Promise<void> {
  if (!existsSync(serverEntry)) {
    console.error(`bench: no build at ${path.relative(repoRoot, serverEntry)}: run \`npm run build\` first (\`npm run bench\` does).`);
    process.exit(2);
  }
  const settings = settingsFrom(process.argv.slice(2));
  const sections = new Set(settings.sections);
  if (sections.has('uplink')) {
    const unavailable = uplinkUnavailable();
    if (unavailable && settings.uplinkAsked) {
      console.error(unavailable);
      process.exit(2);
    }
    if (unavailable) {
      console.error(`skipping the slow-uplink rows: ${unavailable}`);
      sections.delete('uplink');
    }
    const { delayMs, lossPercent } = settings.uplink.impairment;
    if ((delayMs || lossPercent) && !netemAvailable()) {
      console.error('--delay and --loss need the netem qdisc, which this kernel does not have (tbf, htb and fq_codel only): leave them out here');
      process.exit(2);
    }
  }
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();
  const wallClockAtStart = wallClockOffsetMs();
  const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  const started = performance.now();
  const rows: Row[] = [];
  const details: Record<string, unknown> = { settings: { ...settings, sections: [...sections] } };

  const clock = new SectionClock();

  if (sections.has('signaling')) {
    const signaling = await clock.time('signaling', () => measureSignaling(settings.signaling, log));
    rows.push(...signaling.rows);
    details.signaling = signaling.details;
  }

  // --quick: the uplink's stage (its own X display, server and signed-in agent console) opens beside
  // the join and picture stage, and waits idle until its section: its setup then adds nothing.
  const uplinkEarly =
    sections.has('uplink') && settings.uplink.openEarly && (sections.has('join') || sections.has('picture')) ? openUplinkStage() : undefined;
  void uplinkEarly?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  try {
    if (sections.has('join') || sections.has('picture')) {
      const stage = await clock.time(
        'join and picture: stage',
        async () => {
          const [stage, early] = await Promise.allSettled([openStage(), uplinkEarly]);
          if (stage.status === 'rejected') throw stage.reason;
          if (early.status === 'rejected') await stage.value.close();
          if (early.status === 'rejected') throw early.reason;
          return stage.value;
        },
        `X display, our server with its database, signed-in agent console${uplinkEarly ? '; the uplink stage opened beside it' : ''}`,
      );
      try {
        if (sections.has('join')) {
          const join = await clock.time('join', () => measureJoin(stage, settings.joinRuns, log), `${settings.joinRuns} runs each`);
          rows.push(...join.rows);
          details.join = join.details;
        }
        if (sections.has('picture')) {
          const picture = await clock.time('picture', () => measurePicture(stage, settings.picture, log), `${settings.picture.seconds} s each`);
          rows.push(...picture.rows);
          details.picture = picture.details;
        }
      } finally {
        await stage.close();
      }
    }

    if (sections.has('uplink')) {
      const uplink = await clock.time(
        'uplink',
        () => measureUplink(settings.uplink, log, uplinkEarly),
        uplinkEarly ? 'namespace and stage opened earlier; OCR' : 'with its own namespace, stage and OCR',
      );
      rows.push(...uplink.rows);
      details.uplink = uplink.details;
    }
  } finally {
    // Closed by the uplink section; here only when a section before it failed.
    await (await uplinkEarly?.catch(() => undefined))?.close();
  }

  if (sections.has('audit')) {
    const audit = await clock.time('audit', () => measureAudit(settings.audit, log));
    rows.push(...audit.rows);
    details.audit = audit.details;
  }

  if (sections.has('history')) {
    const history = await clock.time('history', () => measureHistory(settings.history, log));
    rows.push(...history.rows);
    details.history = history.details;
  }

  const elapsedSeconds = (performance.now() - started) / 1000;
  const wallClockStepMs = wallClockOffsetMs() - wallClockAtStart;
  const run: BenchRun = {
    startedAt,
    elapsedSeconds,
    commit: shortCommit(),
    quick: settings.quick,
    sectionTimes: clock.times,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
      node: process.version,
      openFileLimit: hardFileLimit(),
      wallClockStepMs,
    },
    rows,
    details,
  };
  console.log(renderTable(rows));
  console.log(`\n${renderSectionTimes(clock.times, elapsedSeconds)}`);
  console.log(
    `\n${run.machine.cpus} cores (${run.machine.cpuModel}), load average ${loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ` +
      `${run.machine.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' ')} at end; commit ${run.commit}`,
  );
  const clockWarning = wallClockWarning(0, wallClockStepMs);
  if (clockWarning) console.log(`\nWARNING: ${clockWarning}`);
  console.log(`finished in ${formatElapsed(elapsedSeconds)}`);
  console.log(`saved ${await saveRun(run)}`);
  // Browsers, timers of the imported server modules etc. must not keep the process alive.
  process.exit(0);
}

function formatElapsed(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s (${whole} s)`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
