import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

/**
 * A virtual X display for a headed browser whose screen is really captured. Xvfb picks a free
 * display number itself (-displayfd), so parallel helpers and CI never collide.
 * -noreset: without it the server resets (and forgets the painted root window) whenever its last
 * client disconnects, e.g. right after xsetroot.
 */
export interface VirtualDisplay {
  /** e.g. ":3" */
  readonly display: string;
  readonly width: number;
  readonly height: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startXvfb(width = 1920, height = 1080, timeoutMs = 10_000): Promise<VirtualDisplay> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    }
    running.delete(child);
  };

  const displayFd = child.stdio[3] as Readable;
  try {
    const number = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb did not start within ${timeoutMs} ms: ${errors}`)), timeoutMs);
      displayFd.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) {
          clearTimeout(timer);
          resolve(text.trim());
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb could not run (apt-get install xvfb): ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited with code ${code}: ${errors}`));
      });
    });
    return { display: `:${number}`, width, height, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
