/**
 * Runs @doyensec/electronegativity over the app's code (main/, preload/, and the pages the app
 * bundles: renderer/customer/ with renderer/shared/) and fails on
 * any HIGH or MEDIUM finding. The tool itself always exits 0, so this wrapper reads its CSV.
 * Offline: AvailableSecurityFixesGlobalCheck (which asks the internet for Electron releases) is
 * skipped. Exemptions live in the code as `eng-disable CHECK_NAME: reason` comments.
 *
 *   npx tsx build/electronegativity-check.ts [dir ...]
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const DEFAULT_DIRS = ['main', 'preload', 'renderer/customer', 'renderer/shared'];
const BLOCKING = new Set(['HIGH', 'MEDIUM']);

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  location: string;
  sample: string;
  description: string;
  url: string;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

export function parseFindings(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const names = header.map((name) => name.trim());
  return rows.map((cells) => {
    const get = (name: keyof Finding) => (cells[names.indexOf(name)] ?? '').trim();
    return {
      issue: get('issue'),
      severity: get('severity').toUpperCase(),
      confidence: get('confidence'),
      filename: get('filename'),
      location: get('location'),
      sample: get('sample'),
      description: get('description'),
      url: get('url'),
    };
  });
}

/** Every row has as many cells as the header, and the header names the columns we read. */
export function reportIsWhole(csv: string): boolean {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return false;
  const names = header.map((name) => name.trim());
  if (!['issue', 'severity', 'filename', 'location'].every((name) => names.includes(name))) return false;
  return rows.every((cells) => cells.length === header.length);
}

export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => BLOCKING.has(finding.severity));
}

export function describeFinding(finding: Finding): string {
  return `${finding.severity} ${finding.issue} ${finding.filename}:${finding.location}\n    ${finding.sample.slice(0, 160)}\n    ${finding.description} (${finding.url})`;
}

async function electronVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Scans the given directories together (global checks need the whole app) and returns every finding. */
export async function scan(dirs: readonly string[]): Promise<Finding[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'electronegativity-'));
  try {
    const input = path.join(work, 'app');
    for (const dir of dirs) {
      if (!existsSync(path.resolve(root, dir))) throw new Error(`nothing to scan at ${dir}`);
      await cp(path.resolve(root, dir), path.join(input, path.basename(dir)), { recursive: true });
    }
    const output = path.join(work, 'findings.csv');
    const args = ['--require', path.join(root, 'build/electronegativity-offline.cjs'), CLI, '-i', input, '-x', 'AvailableSecurityFixesGlobalCheck', '-e', await electronVersion(), '-r', '-o', output];
    // electronegativity now and then writes a report whose rows are garbled (seen under load): run again.
    for (let attempt = 1; ; attempt++) {
      await rm(output, { force: true });
      const run = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: work, timeout: 300_000 });
      if (run.status !== 0 || !existsSync(output)) {
        throw new Error(`electronegativity did not produce a report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
      }
      const csv = await readFile(output, 'utf8');
      if (reportIsWhole(csv) || attempt === 3) return parseFindings(csv);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dirs = process.argv.slice(2);
  const scanned = dirs.length ? dirs : DEFAULT_DIRS;
  try {
    const findings = await scan(scanned);
    const blocking = blockingFindings(findings);
    for (const finding of findings.filter((f) => !BLOCKING.has(f.severity))) {
      console.log(`note: ${finding.severity} ${finding.issue} ${finding.filename}:${finding.location}`);
    }
    for (const finding of blocking) console.error(describeFinding(finding));
    console.log(
      `electronegativity over ${scanned.join(', ')}: ${findings.length} findings, ${blocking.length} HIGH/MEDIUM` +
        (blocking.length ? ' (fix them, or exempt one inline with `eng-disable CHECK_NAME: reason`)' : ''),
    );
    process.exit(blocking.length ? 1 : 0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
