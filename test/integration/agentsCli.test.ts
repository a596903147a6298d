import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AccountDirectory } from '../../signaling/server/accounts/accountDirectory';

const run = promisify(execFile);
const cli = path.resolve('signaling/server/accounts/cli.ts');

async function agents(file: string, args: string[], stdin?: string) {
  const child = run('npx', ['tsx', cli, ...args], { env: { ...process.env, AGENTS_FILE: file } });
  if (stdin !== undefined) {
    child.child.stdin?.end(stdin);
  }
  return child;
}

describe('agents CLI (npm run agents)', () => {
  it('adds an agent with a hashed password that can then sign in', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'agents-')), 'agents.json');
    const added = await agents(file, ['add', 'jane', '--display-name', 'Jane Doe', '--password-stdin'], 'correct horse battery\n');
    assert.match(added.stdout, /Added agent "jane"/);
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes('correct horse battery'), 'the password itself is never stored');
    assert.match(text, /\$argon2id\$/);
    assert.equal((await stat(file)).mode & 0o077, 0, 'only the owner can read the file');
    const directory = await AccountDirectory.load({ agentsFile: file, demoAgent: undefined });
    assert.deepEqual(await directory.authenticate('jane', 'correct horse battery'), { username: 'jane', displayName: 'Jane Doe' });
    assert.equal(await directory.authenticate('jane', 'wrong'), null);
    const listed = await agents(file, ['list']);
    assert.match(listed.stdout, /jane\tJane Doe/);
  });

  it('refuses short passwords and duplicate names with a clear message', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'agents-')), 'agents.json');
    await assert.rejects(agents(file, ['add', 'joe', '--password-stdin'], 'short\n'), /at least 10 characters/);
    await agents(file, ['add', 'joe', '--password-stdin'], 'long enough password\n');
    await assert.rejects(agents(file, ['add', 'joe', '--password-stdin'], 'long enough password\n'), /already exists/);
  });
});
