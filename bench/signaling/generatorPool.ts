import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnWithFileLimit, stopChild } from '../support/processes';
import type { GeneratorCommand, GeneratorReply } from './generatorMessages';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadGenerator.ts');

/** Several load-generator processes; each command is split between them and the answers gathered. */
export class GeneratorPool {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(count: number): GeneratorPool {
    const children = Array.from({ length: count }, () =>
      spawnWithFileLimit(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    return new GeneratorPool(children);
  }

  get size(): number {
    return this.children.length;
  }

  /** The generators' process ids (also their main threads' ids). */
  get pids(): number[] {
    return this.children.flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  }

  /** Sends each generator its own command (index → command) and waits for every answer. */
  ask<T extends GeneratorReply['cmd']>(commandFor: (index: number) => GeneratorCommand & { cmd: T }): Promise<Array<GeneratorReply & { cmd: T }>> {
    return Promise.all(
      this.children.map(
        (child, index) =>
          new Promise<GeneratorReply & { cmd: T }>((resolve, reject) => {
            const command = commandFor(index);
            const onMessage = (reply: GeneratorReply) => {
              if (reply.cmd !== command.cmd) return;
              child.off('message', onMessage);
              child.off('exit', onExit);
              resolve(reply as GeneratorReply & { cmd: T });
            };
            const onExit = (code: number | null) => reject(new Error(`load generator exited with ${code} during ${command.cmd}`));
            child.on('message', onMessage);
            child.once('exit', onExit);
            child.send(command);
          }),
      ),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => stopChild(child)));
  }
}

/** Splits `total` into `parts` nearly equal shares, with the index each share starts at. */
export function shares(total: number, parts: number): Array<{ count: number; firstIndex: number }> {
  const base = Math.floor(total / parts);
  let firstIndex = 0;
  return Array.from({ length: parts }, (_, index) => {
    const count = base + (index < total % parts ? 1 : 0);
    const share = { count, firstIndex };
    firstIndex += count;
    return share;
  });
}
