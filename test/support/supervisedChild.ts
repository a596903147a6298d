import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

const running = new Set<ChildProcess>();
// Whatever happens to the test process, no child it started outlives it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface SupervisedChild {
  /** Everything the child printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, SIGKILL after 5 s, then removes the child's scratch folder. */
  stop(): Promise<void>;
  /** SIGKILL now, as a crash or a pulled plug would: no shutdown handling runs. */
  crash(): Promise<void>;
}

/** Collects a started test child's output and stops it for sure, however the test ends. */
export function supervise(child: ChildProcess, scratchDir: string): SupervisedChild {
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    async crash() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      running.delete(child);
      await rm(scratchDir, { recursive: true, force: true });
    },
  };
}
