import type { AccountDirectory, AgentAccount } from '../accounts/accountDirectory';
import type { AgentSessions } from './agentSessions';

/** A sign-in that still holds, with the agent as the accounts know it now. */
export interface SignedIn {
  readonly agent: AgentAccount;
  /** The sign-in's id (its token's digest), to close the sockets it opened when it ends. */
  readonly id: string;
  readonly expiresAt: number;
}

export type SignInCheck = (token: string | undefined) => Promise<SignedIn | undefined>;

/**
 * Checks a cookie's sign-in on every use (API call, socket upgrade): it must exist and be
 * unexpired, its account must still exist, and the password must be the one it signed in with.
 * A sign-in that fails the last two is deleted: this also holds after a restart, when nobody
 * saw the account change.
 */
export function signInCheck(sessions: AgentSessions, accounts: Pick<AccountDirectory, 'find' | 'stampOf'>): SignInCheck {
  return async (token) => {
    const signIn = await sessions.find(token);
    if (!signIn) return undefined;
    const agent = accounts.find(signIn.agent.username);
    if (!agent || accounts.stampOf(agent.username) !== signIn.stamp) {
      await sessions.destroy(token);
      return undefined;
    }
    return { agent, id: signIn.id, expiresAt: signIn.expiresAt };
  };
}
