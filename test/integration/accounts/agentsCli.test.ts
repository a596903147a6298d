import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AccountDirectory } from '../../../signaling/server/accounts/accountDirectory';
import { writeAccounts } from '../../../signaling/server/accounts/accountFile';
import { AccountStore } from '../../../signaling/server/accounts/accountStore';
import { hashPassword } from '../../../signaling/server/accounts/passwords';
import { openDatabase } from '../../../signaling/server/db/openDatabase';
import { copyPGliteTemplate } from '../../support/pgliteTemplate';

const run = promisify(execFile);
const cli = path.resolve('signaling/server/accounts/cli.ts');

/** `npm run agents` as an operator runs it, against a PGlite database folder (the default). */
describe('agents CLI (npm run agents)', function () {
  this.timeout(120_000);
  let dir: string;
  const env = () => ({ ...process.env, DATABASE_DIR: path.join(dir, 'database'), AGENTS_FILE: path.join(dir, 'agents.json') });
  const agents = (args: string[], stdin?: string) => {
    const child = run(process.execPath, ['--import', 'tsx', cli, ...args], { env: env() });
    child.child.stdin?.end(stdin ?? '');
    return child;
  };
  const withDirectory = async <T>(use: (accounts: AccountDirectory) => Promise<T>): Promise<T> => {
    const database = await openDatabase({ databaseUrl: undefined, databaseDir: env().DATABASE_DIR });
    try {
      return await use(await AccountDirectory.load({ demoAgent: undefined }, new AccountStore(database.db)));
    } finally {
      await database.close();
    }
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'agents-cli-'));
    await copyPGliteTemplate(path.join(dir, 'database'));
  });

  it('adds an agent with a hashed password that can then sign in; disable, role and list', async () => {
    const added = await agents(['add', 'jane', '--display-name', 'Jane Doe', '--password-stdin'], 'correct horse battery\n');
    assert.match(added.stdout, /Added agent "jane"/);
    await withDirectory(async (accounts) => {
      assert.deepEqual(await accounts.authenticate('jane', 'correct horse battery'), { username: 'jane', displayName: 'Jane Doe' });
      assert.equal(await accounts.authenticate('jane', 'wrong'), null);
    });
    assert.match((await agents(['role', 'jane', 'supervisor'])).stdout, /"jane" is now a supervisor/);
    assert.match((await agents(['disable', 'jane'])).stdout, /Disabled "jane"/);
    assert.match((await agents(['list'])).stdout, /jane\tJane Doe\tsupervisor\tDISABLED/);
    await withDirectory(async (accounts) => assert.equal(await accounts.authenticate('jane', 'correct horse battery'), null));
    await assert.rejects(agents(['role', 'jane', 'boss']), /The role must be one of: agent, supervisor/);
  });

  it('refuses short passwords, duplicate names and unknown names with a clear message', async () => {
    await assert.rejects(agents(['add', 'joe', '--password-stdin'], 'short\n'), /at least 10 characters/);
    await agents(['add', 'joe', '--password-stdin'], 'long enough password\n');
    await assert.rejects(agents(['add', 'JOE', '--password-stdin'], 'long enough password\n'), /already exists/);
    await assert.rejects(agents(['disable', 'nobody']), /No agent named "nobody"/);
  });

  it('imports an existing agents file once, saying so', async () => {
    await writeAccounts(env().AGENTS_FILE, [
      { username: 'bob', displayName: 'Bob Berg', passwordHash: await hashPassword('bob-password-1'), createdAt: new Date().toISOString() },
    ]);
    const listed = await agents(['list']);
    assert.match(listed.stdout, /Imported 1 agent account from .*agents\.json into the database \(once: the file is now .*agents\.json\.imported\)/);
    assert.match(listed.stdout, /bob\tBob Berg\tagent/);
    assert.doesNotMatch((await agents(['list'])).stdout, /Imported/);
  });
});
