import type { AuditEventType } from '../audit/auditEvent';
import type { AuditLog } from '../audit/auditLog';
import type { AgentRole } from '../db/schema';
import { AccountStore, type AccountEdit, type NewAccount } from './accountStore';

/**
 * Changes to agent accounts, each committed together with its audit event (account.added,
 * account.disabled, …; actor "operator"), so no change goes unrecorded. Running servers notice
 * the change within about a second and end the sign-ins it voids (accountDirectory.ts).
 */
export class AccountChanges {
  constructor(private readonly audit: AuditLog) {}

  add(account: NewAccount): Promise<boolean> {
    return this.recorded(account.username, 'account.added', { displayName: account.displayName, role: account.role }, (store) => store.add(account));
  }

  remove(username: string): Promise<boolean> {
    return this.recorded(username, 'account.removed', {}, (store) => store.remove(username));
  }

  edit(username: string, edit: AccountEdit): Promise<boolean> {
    const [type, details] = describe(edit);
    return this.recorded(username, type, details, (store) => store.edit(username, edit));
  }

  private async recorded(
    username: string,
    type: AuditEventType,
    details: Record<string, unknown>,
    change: (store: AccountStore) => Promise<boolean>,
  ): Promise<boolean> {
    return this.audit.transaction(async (trx) => {
      const changed = await change(new AccountStore(trx));
      if (changed) await this.audit.appendIn(trx, [{ type, agent: username, actor: 'operator', details }]);
      return changed;
    });
  }
}

function describe(edit: AccountEdit): [AuditEventType, Record<string, unknown>] {
  switch (edit.kind) {
    case 'password':
      return ['account.password-changed', {}];
    case 'disabled':
      return [edit.disabled ? 'account.disabled' : 'account.enabled', {}];
    case 'role':
      return ['account.role-changed', { role: edit.role satisfies AgentRole }];
  }
}
