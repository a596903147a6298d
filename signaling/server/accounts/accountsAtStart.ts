import type { AuditLog } from '../audit/auditLog';
import type { Config } from '../config';
import type { Database } from '../db/openDatabase';
import type { Logger } from '../log';
import { AccountDirectory } from './accountDirectory';
import { AccountStore } from './accountStore';
import { importAgentsFile, importMessage } from './agentsFileImport';
import { ensureDevelopmentAgent } from './demoAgent';

export interface StartedAccounts {
  readonly directory: AccountDirectory;
  /** The demo agent made for an empty development database (its password, shown once). */
  readonly createdAgent: { username: string; password: string } | null;
}

/** At start: import an old agents file once, make a demo agent in an empty development database, read the accounts. */
export async function startAccounts(
  config: Pick<Config, 'agentsFile' | 'demoAgent' | 'production' | 'signIn'>,
  database: Database,
  audit: AuditLog,
  log: Logger,
): Promise<StartedAccounts> {
  const store = new AccountStore(database.db);
  const imported = await importAgentsFile(audit, config.agentsFile);
  if (imported) log.info({ file: imported.file, agents: imported.count, renamedTo: imported.renamedTo }, importMessage(imported));
  const createdAgent = await ensureDevelopmentAgent(config, store);
  return { directory: await AccountDirectory.load(config, store), createdAgent };
}
