import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { AuditLog } from '../audit/auditLog';
import { readAccounts } from './accountFile';
import { AccountStore } from './accountStore';

export interface AgentsFileImported {
  readonly file: string;
  readonly count: number;
  /** Where the file was moved, so it is imported only once. */
  readonly renamedTo: string;
}

/**
 * Agent accounts used to live in AGENTS_FILE (data/agents.json). An existing file is imported into
 * the database once: its accounts are added (or, if already there, given the file's password and
 * name; role agent), each with an audit event account.imported, and the file is renamed to
 * <file>.imported. Without a file, nothing happens.
 */
export async function importAgentsFile(audit: AuditLog, file: string): Promise<AgentsFileImported | null> {
  if (!existsSync(file)) return null;
  const accounts = await readAccounts(file);
  await audit.transaction(async (trx) => {
    const store = new AccountStore(trx);
    for (const { username, displayName, passwordHash } of accounts) await store.upsert({ username, displayName, passwordHash });
    const events = accounts.map(({ username }) => ({ type: 'account.imported' as const, agent: username, actor: 'operator' as const, details: { file } }));
    await audit.appendIn(trx, events);
  });
  const renamedTo = `${file}.imported`;
  try {
    await rename(file, renamedTo);
  } catch (error) {
    // Another node starting at the same moment imported and moved it first.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { file, count: accounts.length, renamedTo };
}

export function importMessage({ file, count, renamedTo }: AgentsFileImported): string {
  return `Imported ${count} agent account${count === 1 ? '' : 's'} from ${file} into the database (once: the file is now ${renamedTo}). Manage accounts with: npm run agents -- list`;
}
