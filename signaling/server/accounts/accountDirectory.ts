import type { Config } from '../config';
import { readAccounts, type StoredAccount } from './accountFile';
import { decoy, hashPassword, verifyPassword } from './passwords';

export interface AgentAccount {
  username: string;
  displayName: string;
}

/** Everyone who may sign in as an agent: the agents file, plus DEMO_AGENT when set. */
export class AccountDirectory {
  private constructor(private readonly accounts: Map<string, StoredAccount>) {}

  static async load(config: Pick<Config, 'agentsFile' | 'demoAgent'>): Promise<AccountDirectory> {
    const accounts = new Map((await readAccounts(config.agentsFile)).map((a) => [a.username.toLowerCase(), a]));
    if (config.demoAgent) {
      const { username, password } = config.demoAgent;
      accounts.set(username.toLowerCase(), {
        username,
        displayName: username.charAt(0).toUpperCase() + username.slice(1),
        passwordHash: await hashPassword(password),
        createdAt: new Date().toISOString(),
      });
    }
    return new AccountDirectory(accounts);
  }

  get size(): number {
    return this.accounts.size;
  }

  find(username: string): AgentAccount | undefined {
    const account = this.accounts.get(username.toLowerCase());
    return account && { username: account.username, displayName: account.displayName };
  }

  async authenticate(username: string, password: string): Promise<AgentAccount | null> {
    const account = this.accounts.get(username.toLowerCase());
    const valid = await verifyPassword(account?.passwordHash ?? (await decoy()), password);
    return account && valid ? { username: account.username, displayName: account.displayName } : null;
  }
}
