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
 * saw the account change. With LOCAL_SIGN_IN=false only accounts of the identity provider
 * (which have no password here) still hold.
 */
export function signInCheck(
  sessions: AgentSessions,
  accounts: Pick<AccountDirectory, 'find' | 'stampOf' | 'hasPassword'>,
  localSignIn = true,
): SignInCheck {
  return async (token) => {
    const signIn = await sessions.find(token);
    if (!signIn) return undefined;
    const name = signIn.agent.username;
    const agent = accounts.find(name);
    if (!agent || accounts.stampOf(name) !== signIn.stamp || (!localSignIn && accounts.hasPassword(name))) {
      await sessions.destroy(token);
      return undefined;
    }
    return { agent, id: signIn.id, expiresAt: signIn.expiresAt };
  };
}
