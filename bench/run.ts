import { cpus, loadavg } from 'node:os';
import type { BenchRun, Row } from './report/model';
import { saveRun, shortCommit } from './report/save';
import { renderTable } from './report/table';
import { settingsFrom } from './settings';
import { measureSignaling } from './signaling/signalingBench';
import { measureJoin } from './join/joinBench';
import { openStage } from './join/stage';
import { measurePicture } from './picture/pictureBench';
import { hardFileLimit } from './support/processes';

/**
 * npm run bench [-- --quick] [--only=signaling,join,picture] [--servers=bare,ours,peerjs] [--sessions=1000,10000]
 * Measures our stack beside its baselines in one run, prints one table, saves it as JSON.
 */
async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();
  const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  const started = performance.now();
  const rows: Row[] = [];
  const details: Record<string, unknown> = { settings: { ...settings, sections: [...settings.sections] } };

  if (settings.sections.has('signaling')) {
    const signaling = await measureSignaling(settings.signaling, log);
    rows.push(...signaling.rows);
    details.signaling = signaling.details;
  }

  if (settings.sections.has('join') || settings.sections.has('picture')) {
    const stage = await openStage();
    try {
      if (settings.sections.has('join')) {
        const join = await measureJoin(stage, settings.joinRuns, log);
        rows.push(...join.rows);
        details.join = join.details;
      }
      if (settings.sections.has('picture')) {
        const picture = await measurePicture(stage, settings.pictureSeconds, log);
        rows.push(...picture.rows);
        details.picture = picture.details;
      }
    } finally {
      await stage.close();
    }
  }

  const run: BenchRun = {
    startedAt,
    commit: shortCommit(),
    quick: settings.quick,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
      node: process.version,
      openFileLimit: hardFileLimit(),
    },
    rows,
    details,
  };
  console.log(renderTable(rows));
  console.log(
    `\n${run.machine.cpus} cores (${run.machine.cpuModel}), load average ${loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ` +
      `${run.machine.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' ')} at end; commit ${run.commit}; ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(`saved ${await saveRun(run)}`);
  // Browsers, timers of the imported server modules etc. must not keep the process alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
