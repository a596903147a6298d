import type { Kysely } from 'kysely';
import type { AgentAccount } from '../../accounts/accountDirectory';
import type { AuditLog } from '../../audit/auditLog';
import type { AgentRole, Tables } from '../../db/schema';
import type { MappedIdentity } from './claimMapping';

export type IdentitySignIn =
  | { ok: true; agent: AgentAccount; role: AgentRole; created: boolean }
  /** The username is another account's (a password account, the demo agent, or another person's at the provider). */
  | { ok: false; reason: 'name-taken' | 'disabled' };

/**
 * Accounts of agents who sign in through the organisation's identity provider: rows of `agents`
 * without a password, linked to the provider's person in `agent_identities`. The first sign-in
 * creates the account (audited as account.added); each later one brings its display name and role
 * up to date from the claims (a new role audited as account.role-changed). The link is the
 * provider's subject: a person renamed at the provider keeps their account, and nobody takes over
 * an existing account by choosing its name there. Servers see the rows like any account
 * (accounts/accountDirectory.ts), so disabling or removing one with `npm run agents` works alike.
 */
export class IdentityAccounts {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly audit: Pick<AuditLog, 'appendIn'>,
  ) {}

  async signIn(issuer: string, identity: MappedIdentity, nameTakenElsewhere: (username: string) => boolean): Promise<IdentitySignIn> {
    return this.db.transaction().execute(async (trx) => {
      const linked = await trx
        .selectFrom('agent_identities as i')
        .innerJoin('agents as a', 'a.username_key', 'i.username_key')
        .select(['a.username_key', 'a.username', 'a.role', 'a.disabled'])
        .where('i.issuer', '=', issuer)
        .where('i.subject', '=', identity.subject)
        .forUpdate()
        .executeTakeFirst();
      if (linked) {
        if (linked.disabled) return { ok: false, reason: 'disabled' } as const;
        await trx
          .updateTable('agents')
          .set({ display_name: identity.displayName, role: identity.role })
          .where('username_key', '=', linked.username_key)
          .execute();
        await trx
          .updateTable('agent_identities')
          .set({ last_sign_in_at: new Date() })
          .where('issuer', '=', issuer)
          .where('subject', '=', identity.subject)
          .execute();
        if (linked.role !== identity.role) {
          await this.audit.appendIn(trx, [
            { type: 'account.role-changed', agent: linked.username, actor: 'server', details: { role: identity.role, from: 'identity provider' } },
          ]);
        }
        return { ok: true, agent: { username: linked.username, displayName: identity.displayName }, role: identity.role, created: false } as const;
      }
      const key = identity.username.toLowerCase();
      const taken = await trx.selectFrom('agents').select('username_key').where('username_key', '=', key).executeTakeFirst();
      if (taken || nameTakenElsewhere(identity.username)) return { ok: false, reason: 'name-taken' } as const;
      await trx
        .insertInto('agents')
        .values({ username_key: key, username: identity.username, display_name: identity.displayName, password_hash: null, role: identity.role })
        .execute();
      await trx.insertInto('agent_identities').values({ issuer, subject: identity.subject, username_key: key }).execute();
      await this.audit.appendIn(trx, [
        {
          type: 'account.added',
          agent: identity.username,
          actor: 'server',
          details: { displayName: identity.displayName, role: identity.role, from: 'identity provider', issuer },
        },
      ]);
      return { ok: true, agent: { username: identity.username, displayName: identity.displayName }, role: identity.role, created: true } as const;
    });
  }
}
