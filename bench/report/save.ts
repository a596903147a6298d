import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../support/paths';
import type { BenchRun } from './model';

export function shortCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot }).toString().trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

/** bench/results/<iso-time>-<short-commit>.json: one file per run, for comparing versions. */
export async function saveRun(run: BenchRun): Promise<string> {
  const folder = path.join(repoRoot, 'bench/results');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${run.startedAt.replace(/[:.]/g, '-')}-${run.commit}.json`);
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
