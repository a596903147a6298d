import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccountChanges } from '../../../signaling/server/accounts/accountChanges';
import { AccountDirectory } from '../../../signaling/server/accounts/accountDirectory';
import { writeAccounts } from '../../../signaling/server/accounts/accountFile';
import { AccountStore } from '../../../signaling/server/accounts/accountStore';
import { importAgentsFile } from '../../../signaling/server/accounts/agentsFileImport';
import { hashPassword } from '../../../signaling/server/accounts/passwords';
import { AuditLog } from '../../../signaling/server/audit/auditLog';
import { verifyChain } from '../../../signaling/server/audit/chainVerifier';
import type { Database } from '../../../signaling/server/db/openDatabase';
import { forEachDatabase } from '../../support/databaseBackends';

forEachDatabase('agent accounts in the database', (backend) => {
  let database: Database;
  let audit: AuditLog;
  let changes: AccountChanges;
  beforeEach(async () => {
    database = await backend.fresh();
    audit = new AuditLog(database.db, { nodeId: 'test', addressPolicy: 'truncated' });
    changes = new AccountChanges(audit);
  });
  afterEach(async () => {
    await database?.close();
  });

  const directory = () => AccountDirectory.load({ demoAgent: undefined }, new AccountStore(database.db));
  const addJane = async (role: 'agent' | 'supervisor' = 'agent') =>
    changes.add({ username: 'Jane', displayName: 'Jane Doe', passwordHash: await hashPassword('jane-password-1'), role });
  const auditTypes = async () => (await database.db.selectFrom('audit_events').select(['type', 'agent', 'actor']).orderBy('seq').execute());

  it('an added account signs in (any letter case), with its role; a wrong password and an unknown name do not', async () => {
    assert.equal(await addJane('supervisor'), true);
    assert.equal(await addJane(), false, 'the same name twice');
    const accounts = await directory();
    assert.deepEqual(await accounts.authenticate('jane', 'jane-password-1'), { username: 'Jane', displayName: 'Jane Doe' });
    assert.equal(await accounts.authenticate('jane', 'wrong-password'), null);
    assert.equal(await accounts.authenticate('nobody', 'jane-password-1'), null);
    assert.deepEqual(accounts.find('JANE'), { username: 'Jane', displayName: 'Jane Doe' });
    assert.equal(accounts.roleOf('jane'), 'supervisor');
  });

  it('disabling, a new password and removal are reported as the changes that end sign-ins; a role change is not', async () => {
    await addJane();
    await changes.add({ username: 'bob', displayName: 'Bob Berg', passwordHash: await hashPassword('bob-password-1'), role: 'agent' });
    await changes.add({ username: 'carl', displayName: 'Carl', passwordHash: await hashPassword('carl-password-1'), role: 'agent' });
    const accounts = await directory();
    const janeStamp = accounts.stampOf('jane');

    await changes.edit('jane', { kind: 'role', role: 'supervisor' });
    assert.deepEqual(await accounts.reload(), []);
    assert.equal(accounts.roleOf('jane'), 'supervisor');
    assert.equal(accounts.stampOf('jane'), janeStamp, 'a role change keeps the sign-in');

    await changes.edit('jane', { kind: 'disabled', disabled: true });
    await changes.edit('bob', { kind: 'password', passwordHash: await hashPassword('bob-password-2') });
    await changes.remove('carl');
    assert.deepEqual(
      (await accounts.reload()).sort((a, b) => a.username.localeCompare(b.username)),
      [
        { username: 'bob', reason: 'password-changed' },
        { username: 'carl', reason: 'account-removed' },
        { username: 'Jane', reason: 'account-disabled' },
      ],
    );
    assert.equal(accounts.find('jane'), undefined, 'a disabled account is not found');
    assert.equal(accounts.stampOf('jane'), undefined);
    assert.equal(await accounts.authenticate('jane', 'jane-password-1'), null, 'a disabled account cannot sign in');
    assert.equal(await accounts.authenticate('bob', 'bob-password-2') !== null, true);

    await changes.edit('jane', { kind: 'disabled', disabled: false });
    assert.deepEqual(await accounts.reload(), []);
    assert.notEqual(accounts.stampOf('jane'), janeStamp, 'sign-ins from before the account was disabled stay void');
    assert.ok(await accounts.authenticate('jane', 'jane-password-1'));

    assert.deepEqual(
      (await auditTypes()).map((e) => `${e.type} ${e.agent} ${e.actor}`),
      [
        'account.added Jane operator',
        'account.added bob operator',
        'account.added carl operator',
        'account.role-changed jane operator',
        'account.disabled jane operator',
        'account.password-changed bob operator',
        'account.removed carl operator',
        'account.enabled jane operator',
      ],
    );
    assert.equal((await verifyChain(database.db)).whole, true);
  });

  it('reads the accounts again only when the table changed, and then sees every change (a new display name too)', async () => {
    await addJane();
    let reads = 0;
    const store = new AccountStore(database.db);
    const list = store.list.bind(store);
    store.list = () => {
      reads += 1;
      return list();
    };
    const accounts = await AccountDirectory.load({ demoAgent: undefined }, store);
    reads = 0;
    assert.deepEqual(await accounts.reload(), []);
    assert.deepEqual(await accounts.reload(), []);
    assert.equal(reads, 0, 'nothing changed: only the fingerprint was read');

    const jane = await store.find('jane');
    await store.upsert({ username: 'Jane', displayName: 'Jane Q. Doe', passwordHash: jane?.password_hash ?? '' });
    assert.deepEqual(await accounts.reload(), [], 'a new display name ends no sign-in');
    assert.equal(reads, 1);
    assert.deepEqual(accounts.find('jane'), { username: 'Jane', displayName: 'Jane Q. Doe' });

    await changes.edit('jane', { kind: 'disabled', disabled: true });
    assert.deepEqual(await accounts.reload(), [{ username: 'Jane', reason: 'account-disabled' }]);
    assert.equal(reads, 2);
  });

  it('imports an agents file once: accounts added or updated, the file renamed, each import on the record', async () => {
    await changes.add({ username: 'bob', displayName: 'Bob', passwordHash: await hashPassword('old-password-1'), role: 'supervisor' });
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'agents-import-')), 'agents.json');
    const createdAt = new Date().toISOString();
    await writeAccounts(file, [
      { username: 'bob', displayName: 'Bob Berg', passwordHash: await hashPassword('new-password-1'), createdAt },
      { username: 'ann', displayName: 'Ann', passwordHash: await hashPassword('ann-password-1'), createdAt },
    ]);
    const imported = await importAgentsFile(audit, file);
    assert.deepEqual(imported, { file, count: 2, renamedTo: `${file}.imported` });
    assert.equal(existsSync(file), false);
    assert.match(await readFile(`${file}.imported`, 'utf8'), /"ann"/);
    assert.equal(await importAgentsFile(audit, file), null, 'nothing to import a second time');

    const accounts = await directory();
    assert.deepEqual(await accounts.authenticate('bob', 'new-password-1'), { username: 'bob', displayName: 'Bob Berg' });
    assert.equal(accounts.roleOf('bob'), 'supervisor', 'an existing account keeps its role');
    assert.equal(accounts.roleOf('ann'), 'agent');
    assert.deepEqual(
      (await auditTypes()).map((e) => `${e.type} ${e.agent}`),
      ['account.added bob', 'account.imported bob', 'account.imported ann'],
    );
  });
});
