import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { serverEntry } from './server';

const run = promisify(execFile);

/**
 * Runs one of the operator's commands (npm run tokens / webhooks, built beside the server) with
 * only these variables, and returns its last line (a created token or secret stands there alone).
 */
export async function operatorCommand(name: 'tokens' | 'webhooks', args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(path.dirname(serverEntry), `${name}.js`), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return stdout.trim().split('\n').at(-1) ?? '';
}
