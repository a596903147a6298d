import { createHash } from 'node:crypto';
import type { RevocationReason } from '../../protocol';
import type { Config } from '../config';
import type { AgentRole, AgentRow } from '../db/schema';
import type { AccountStore } from './accountStore';
import { decoy, hashPassword, verifyPassword } from './passwords';

export interface AgentAccount {
  username: string;
  displayName: string;
}

interface KnownAccount extends AgentAccount {
  /** Null for an account of the identity provider (OIDC): it never signs in with a password. */
  passwordHash: string | null;
  role: AgentRole;
  disabled: boolean;
  /** Changes when the password does or the account is disabled: a sign-in made before no longer holds. */
  stamp: string;
}

/** An account whose access must end now, and why (removed, disabled, or its password changed). */
export interface AccountChange {
  username: string;
  reason: Extract<RevocationReason, 'password-changed' | 'account-removed' | 'account-disabled'>;
}

/** How often the accounts table is read for changes (`npm run agents -- passwd|disable|remove`, other nodes). */
const REFRESH_INTERVAL_MS = 1_000;

/**
 * Everyone who may sign in as an agent: the accounts in the database (accountStore.ts), plus
 * DEMO_AGENT when set (a supervisor, kept only in memory). The table is read again about once a
 * second: an added account can sign in, and a removed or disabled account or a changed password
 * takes effect within a second or two on every node (the caller is told, to revoke that agent's
 * access everywhere). Lookups answer from memory, so checking a sign-in costs no query.
 */
export class AccountDirectory {
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<unknown> | undefined;

  private constructor(
    private accounts: Map<string, KnownAccount>,
    /** The table's fingerprint when `accounts` was read (AccountStore.fingerprint). */
    private fingerprint: string,
    private readonly store: AccountStore,
    private readonly demo: KnownAccount | undefined,
  ) {}

  static async load(config: Pick<Config, 'demoAgent'>, store: AccountStore): Promise<AccountDirectory> {
    let demo: KnownAccount | undefined;
    if (config.demoAgent) {
      const { username, password } = config.demoAgent;
      const displayName = username.charAt(0).toUpperCase() + username.slice(1);
      // Stamped from the password itself, so every node (each hashing with its own salt) agrees.
      demo = {
        username,
        displayName,
        passwordHash: await hashPassword(password),
        role: 'supervisor',
        disabled: false,
        stamp: stampOf(`demo:${username}:${password}`),
      };
    }
    const fingerprint = await store.fingerprint();
    return new AccountDirectory(await readKnown(store, demo), fingerprint, store, demo);
  }

  get size(): number {
    return [...this.accounts.values()].filter((a) => !a.disabled).length;
  }

  /** An account that may sign in (not disabled). */
  find(username: string): AgentAccount | undefined {
    const account = this.usable(username);
    return account && { username: account.username, displayName: account.displayName };
  }

  roleOf(username: string): AgentRole | undefined {
    return this.usable(username)?.role;
  }

  /** The account's current credential stamp; undefined when there is no such account (any more) or it is disabled. */
  stampOf(username: string): string | undefined {
    return this.usable(username)?.stamp;
  }

  /** False for an account that signs in through the identity provider only. */
  hasPassword(username: string): boolean {
    return typeof this.usable(username)?.passwordHash === 'string';
  }

  async authenticate(username: string, password: string): Promise<AgentAccount | null> {
    const account = this.usable(username);
    const valid = await verifyPassword(account?.passwordHash ?? (await decoy()), password);
    return account && valid ? { username: account.username, displayName: account.displayName } : null;
  }

  /** Reads the accounts again; answers those that were removed, disabled or got a new password. */
  reload(): Promise<AccountChange[]> {
    // One read at a time, each starting after the last: a read already under way may predate the change asked about.
    const read = (this.reloading ?? Promise.resolve()).catch(() => undefined).then(() => this.readChanges());
    this.reloading = read;
    void read.finally(() => {
      if (this.reloading === read) this.reloading = undefined;
    }).catch(() => undefined);
    return read;
  }

  /** Reads the table about once a second and reports what changed. */
  watch(onChange: (changes: AccountChange[]) => void, onError: (error: unknown) => void): void {
    this.close();
    this.timer = setInterval(() => void this.reload().then((changes) => changes.length > 0 && onChange(changes), onError), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private usable(username: string): KnownAccount | undefined {
    const account = this.accounts.get(username.toLowerCase());
    return account && !account.disabled ? account : undefined;
  }

  /**
   * Reads the table only when its fingerprint moved: with many accounts, reading and comparing
   * them all every second would cost the event loop that relays signals milliseconds each time.
   */
  private async readChanges(): Promise<AccountChange[]> {
    // Taken before the read: a change that lands during the read shows at the next poll.
    const fingerprint = await this.store.fingerprint();
    if (fingerprint === this.fingerprint) return [];
    const next = await readKnown(this.store, this.demo);
    this.fingerprint = fingerprint;
    const changes: AccountChange[] = [];
    for (const [name, before] of this.accounts) {
      if (before.disabled) continue;
      const after = next.get(name);
      if (!after) changes.push({ username: before.username, reason: 'account-removed' });
      else if (after.disabled) changes.push({ username: before.username, reason: 'account-disabled' });
      else if (after.stamp !== before.stamp) changes.push({ username: before.username, reason: 'password-changed' });
    }
    this.accounts = next;
    return changes;
  }
}

async function readKnown(store: AccountStore, demo: KnownAccount | undefined): Promise<Map<string, KnownAccount>> {
  const known = new Map<string, KnownAccount>();
  for (const row of await store.list()) known.set(row.username_key, knownFrom(row));
  if (demo) known.set(demo.username.toLowerCase(), demo);
  return known;
}

function knownFrom(row: AgentRow): KnownAccount {
  return {
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    disabled: row.disabled,
    stamp: stampOf(`${row.revision}:${row.password_hash}`),
  };
}

function stampOf(secretMaterial: string): string {
  return createHash('sha256').update(secretMaterial).digest('base64url').slice(0, 22);
}
