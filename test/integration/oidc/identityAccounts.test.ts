import assert from 'node:assert/strict';
import { AccountDirectory } from '../../../signaling/server/accounts/accountDirectory';
import { AccountStore } from '../../../signaling/server/accounts/accountStore';
import { hashPassword } from '../../../signaling/server/accounts/passwords';
import { AuditLog } from '../../../signaling/server/audit/auditLog';
import type { MappedIdentity } from '../../../signaling/server/auth/oidc/claimMapping';
import { IdentityAccounts } from '../../../signaling/server/auth/oidc/identityAccounts';
import type { Database } from '../../../signaling/server/db/openDatabase';
import { forEachDatabase } from '../../support/databaseBackends';

const ISSUER = 'https://login.example.com/';
const JANE: MappedIdentity = { subject: 'sub-jane', username: 'jane', displayName: 'Jane Doe', role: 'agent' };
const nowhereElse = () => false;

/** Accounts that the organisation's identity provider signs in: made at the first sign-in, linked by subject. */
forEachDatabase('identity provider accounts', (backend) => {
  let database: Database;
  let accounts: IdentityAccounts;
  beforeEach(async () => {
    database = await backend.fresh();
    accounts = new IdentityAccounts(database.db, new AuditLog(database.db, { nodeId: 'test', addressPolicy: 'truncated' }));
  });
  afterEach(async () => {
    await database?.close();
  });

  const directory = () => AccountDirectory.load({ demoAgent: undefined }, new AccountStore(database.db));
  const audited = async () => database.db.selectFrom('audit_events').select(['type', 'agent', 'actor']).orderBy('seq').execute();

  it('creates the account at the first sign-in (audited), without a password: the servers know it, no password opens it', async () => {
    const first = await accounts.signIn(ISSUER, JANE, nowhereElse);
    assert.deepEqual(first, { ok: true, agent: { username: 'jane', displayName: 'Jane Doe' }, role: 'agent', created: true });
    const known = await directory();
    assert.deepEqual(known.find('JANE'), { username: 'jane', displayName: 'Jane Doe' });
    assert.equal(known.roleOf('jane'), 'agent');
    assert.equal(known.hasPassword('jane'), false);
    assert.ok(known.stampOf('jane'));
    assert.equal(await known.authenticate('jane', 'null'), null);
    assert.equal(await known.authenticate('jane', ''), null);
    assert.deepEqual(await audited(), [{ type: 'account.added', agent: 'jane', actor: 'server' }]);

    const again = await accounts.signIn(ISSUER, JANE, nowhereElse);
    assert.ok(again.ok && !again.created);
    assert.equal((await directory()).stampOf('jane'), known.stampOf('jane'), 'signing in again voids no sign-in');
  });

  it('brings name and role up to date from the claims (a new role audited)', async () => {
    await accounts.signIn(ISSUER, JANE, nowhereElse);
    const promoted = await accounts.signIn(ISSUER, { ...JANE, displayName: 'Jane Roe', role: 'supervisor' }, nowhereElse);
    assert.deepEqual(promoted, { ok: true, agent: { username: 'jane', displayName: 'Jane Roe' }, role: 'supervisor', created: false });
    const known = await directory();
    assert.equal(known.roleOf('jane'), 'supervisor');
    assert.equal(known.find('jane')?.displayName, 'Jane Roe');
    assert.deepEqual((await audited()).map((event) => event.type), ['account.added', 'account.role-changed']);
  });

  it('keeps the account when the person is renamed at the provider: the link is the subject', async () => {
    await accounts.signIn(ISSUER, JANE, nowhereElse);
    const renamed = await accounts.signIn(ISSUER, { ...JANE, username: 'jane.roe' }, nowhereElse);
    assert.ok(renamed.ok && !renamed.created);
    assert.equal(renamed.agent.username, 'jane');
  });

  it("never hands an existing name to another person, a password account's name, nor the demo agent's", async () => {
    await accounts.signIn(ISSUER, JANE, nowhereElse);
    assert.deepEqual(await accounts.signIn(ISSUER, { ...JANE, subject: 'sub-impostor' }, nowhereElse), { ok: false, reason: 'name-taken' });
    assert.deepEqual(await accounts.signIn('https://other.example.com/', JANE, nowhereElse), { ok: false, reason: 'name-taken' });
    await new AccountStore(database.db).add({ username: 'Bob', displayName: 'Bob', passwordHash: await hashPassword('bob-password-1'), role: 'agent' });
    assert.deepEqual(await accounts.signIn(ISSUER, { ...JANE, subject: 'sub-bob', username: 'bob' }, nowhereElse), { ok: false, reason: 'name-taken' });
    const demo = await accounts.signIn(ISSUER, { ...JANE, subject: 'sub-alice', username: 'alice' }, (name) => name === 'alice');
    assert.deepEqual(demo, { ok: false, reason: 'name-taken' });
  });

  it('refuses a disabled account', async () => {
    await accounts.signIn(ISSUER, JANE, nowhereElse);
    await database.db.updateTable('agents').set({ disabled: true }).where('username_key', '=', 'jane').execute();
    assert.deepEqual(await accounts.signIn(ISSUER, JANE, nowhereElse), { ok: false, reason: 'disabled' });
  });
});
