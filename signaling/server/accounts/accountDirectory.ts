import { createHash } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';
import type { RevocationReason } from '../../protocol';
import type { Config } from '../config';
import { readAccounts } from './accountFile';
import { decoy, hashPassword, verifyPassword } from './passwords';

export interface AgentAccount {
  username: string;
  displayName: string;
}

interface KnownAccount extends AgentAccount {
  passwordHash: string;
  /** Changes when the password does: a sign-in made with an older password no longer holds. */
  stamp: string;
}

/** An account whose access must end now, and why (removed, or its password changed). */
export interface AccountChange {
  username: string;
  reason: Extract<RevocationReason, 'password-changed' | 'account-removed'>;
}

/** How often the agents file is looked at for changes (`npm run agents -- passwd|remove`). */
const WATCH_INTERVAL_MS = 1_000;

/**
 * Everyone who may sign in as an agent: the agents file, plus DEMO_AGENT when set. The file is
 * watched: an added account can sign in, and a removed account or a changed password takes effect
 * within a second or two (the caller is told, to revoke that agent's access everywhere).
 */
export class AccountDirectory {
  private stopWatching: (() => void) | undefined;

  private constructor(
    private accounts: Map<string, KnownAccount>,
    private readonly config: Pick<Config, 'agentsFile' | 'demoAgent'>,
    private readonly demo: KnownAccount | undefined,
  ) {}

  static async load(config: Pick<Config, 'agentsFile' | 'demoAgent'>): Promise<AccountDirectory> {
    let demo: KnownAccount | undefined;
    if (config.demoAgent) {
      const { username, password } = config.demoAgent;
      const displayName = username.charAt(0).toUpperCase() + username.slice(1);
      // Stamped from the password itself, so every node (each hashing with its own salt) agrees.
      demo = { username, displayName, passwordHash: await hashPassword(password), stamp: stampOf(`demo:${username}:${password}`) };
    }
    return new AccountDirectory(await readKnown(config, demo), config, demo);
  }

  get size(): number {
    return this.accounts.size;
  }

  find(username: string): AgentAccount | undefined {
    const account = this.accounts.get(username.toLowerCase());
    return account && { username: account.username, displayName: account.displayName };
  }

  /** The account's current credential stamp; undefined when there is no such account (any more). */
  stampOf(username: string): string | undefined {
    return this.accounts.get(username.toLowerCase())?.stamp;
  }

  async authenticate(username: string, password: string): Promise<AgentAccount | null> {
    const account = this.accounts.get(username.toLowerCase());
    const valid = await verifyPassword(account?.passwordHash ?? (await decoy()), password);
    return account && valid ? { username: account.username, displayName: account.displayName } : null;
  }

  /** Reads the agents file again; answers the accounts that were removed or got a new password. */
  async reload(): Promise<AccountChange[]> {
    const next = await readKnown(this.config, this.demo);
    const changes: AccountChange[] = [];
    for (const [name, before] of this.accounts) {
      const after = next.get(name);
      if (!after) changes.push({ username: before.username, reason: 'account-removed' });
      else if (after.stamp !== before.stamp) changes.push({ username: before.username, reason: 'password-changed' });
    }
    this.accounts = next;
    return changes;
  }

  /** Watches the agents file (polling: the CLI replaces it by rename) and reports what changed. */
  watch(onChange: (changes: AccountChange[]) => void, onError: (error: unknown) => void): void {
    this.stopWatching?.();
    const file = this.config.agentsFile;
    const listener = () => void this.reload().then(onChange, onError);
    watchFile(file, { interval: WATCH_INTERVAL_MS, persistent: false }, listener);
    this.stopWatching = () => unwatchFile(file, listener);
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }
}

async function readKnown(config: Pick<Config, 'agentsFile'>, demo: KnownAccount | undefined): Promise<Map<string, KnownAccount>> {
  const known = new Map<string, KnownAccount>();
  for (const { username, displayName, passwordHash } of await readAccounts(config.agentsFile)) {
    known.set(username.toLowerCase(), { username, displayName, passwordHash, stamp: stampOf(passwordHash) });
  }
  if (demo) known.set(demo.username.toLowerCase(), demo);
  return known;
}

function stampOf(secretMaterial: string): string {
  return createHash('sha256').update(secretMaterial).digest('base64url').slice(0, 22);
}
