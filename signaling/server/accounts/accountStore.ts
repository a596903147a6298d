import { sql, type Kysely } from 'kysely';
import type { AgentRole, AgentRow, NewAgentRow, Tables } from '../db/schema';

export const AGENT_ROLES: readonly AgentRole[] = ['agent', 'supervisor'];

export interface NewAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  role: AgentRole;
}

/** What changed about an account (for the audit trail and the command's answer). */
export type AccountEdit =
  | { kind: 'password'; passwordHash: string }
  | { kind: 'disabled'; disabled: boolean }
  | { kind: 'role'; role: AgentRole };

/**
 * Agent accounts in the database (table `agents`, migration 001). Every change that must end the
 * account's sign-ins (password, disabling) bumps `revision`; the servers poll the table's
 * fingerprint and read it again when that changed (accountDirectory.ts).
 */
export class AccountStore {
  constructor(private readonly db: Kysely<Tables>) {}

  list(): Promise<AgentRow[]> {
    return this.db.selectFrom('agents').selectAll().orderBy('username_key').execute();
  }

  /**
   * A digest of every account's every column, computed by the database: it changes whenever
   * anything about any account does, so a poll reads the whole table only then.
   */
  async fingerprint(): Promise<string> {
    const row = await this.db
      .selectFrom('agents')
      .select(
        sql<string>`md5(coalesce(string_agg(concat_ws(chr(31), username_key, username, display_name, coalesce(password_hash, ''), (password_hash is null)::text, role, disabled::text, revision::text), chr(30) order by username_key), ''))`.as(
          'fingerprint',
        ),
      )
      .executeTakeFirstOrThrow();
    return row.fingerprint;
  }

  find(username: string): Promise<AgentRow | undefined> {
    return this.db.selectFrom('agents').selectAll().where('username_key', '=', username.toLowerCase()).executeTakeFirst();
  }

  /** False when an account of that name exists already. */
  async add(account: NewAccount): Promise<boolean> {
    const inserted = await this.db
      .insertInto('agents')
      .values(newRow(account))
      .onConflict((c) => c.column('username_key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Adds the account, or gives an existing one this password and name (the agents file import). */
  async upsert(account: Omit<NewAccount, 'role'>): Promise<void> {
    await this.db
      .insertInto('agents')
      .values(newRow({ ...account, role: 'agent' }))
      .onConflict((c) =>
        c.column('username_key').doUpdateSet({
          display_name: account.displayName,
          password_hash: account.passwordHash,
          revision: sql<number>`case when agents.password_hash = excluded.password_hash then agents.revision else agents.revision + 1 end`,
        }),
      )
      .execute();
  }

  /** Applies one change; false when there is no such account. */
  async edit(username: string, edit: AccountEdit): Promise<boolean> {
    const bump = { revision: sql<number>`revision + 1` };
    const set =
      edit.kind === 'password'
        ? { password_hash: edit.passwordHash, ...bump }
        : edit.kind === 'disabled'
          ? { disabled: edit.disabled, ...bump }
          : { role: edit.role };
    const updated = await this.db.updateTable('agents').set(set).where('username_key', '=', username.toLowerCase()).executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  async remove(username: string): Promise<boolean> {
    const deleted = await this.db.deleteFrom('agents').where('username_key', '=', username.toLowerCase()).executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }
}

function newRow(account: NewAccount): NewAgentRow {
  return {
    username_key: account.username.toLowerCase(),
    username: account.username,
    display_name: account.displayName,
    password_hash: account.passwordHash,
    role: account.role,
  };
}
