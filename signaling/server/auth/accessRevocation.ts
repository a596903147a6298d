import { z } from 'zod';
import { RevocationReason } from '../../protocol';
import type { Logger } from '../log';
import type { AgentSessions } from './agentSessions';

/** Whose access ends: every sign-in of an agent, or one sign-in (`signInId`, e.g. a sign-out). */
export const Revocation = z.object({
  username: z.string().min(1).max(64),
  signInId: z.string().min(1).max(100).optional(),
  reason: RevocationReason,
});
export type Revocation = z.infer<typeof Revocation>;

/** Carries revocations to every node: this process alone, or Redis pub/sub (cluster/sharedState.ts). */
export interface RevocationBus {
  publish(revocation: Revocation): Promise<void>;
  subscribe(listener: (revocation: Revocation) => void): Promise<void>;
}

export function localRevocationBus(): RevocationBus {
  const listeners: Array<(revocation: Revocation) => void> = [];
  return {
    publish: async (revocation) => {
      for (const listener of listeners) listener(revocation);
    },
    subscribe: async (listener) => void listeners.push(listener),
  };
}

/**
 * Ends an agent's access at once, on every node: the sign-ins are deleted from the shared store
 * (so no node lets them in again), and every node closes that agent's sockets and ends their live
 * screen shares with a reason both sides see (ws/signalingSocketServer.ts listens).
 *
 * The hook for whatever keeps agent accounts: call `revoke(username, reason)` when an account is
 * disabled, removed or gets a new password. Sign-out and the expiry of a sign-in use it too.
 */
export class AccessRevocation {
  constructor(
    private readonly sessions: AgentSessions,
    private readonly bus: RevocationBus,
    private readonly log: Logger,
  ) {}

  /** Every sign-in of this agent ends now, on every node. */
  async revoke(username: string, reason: RevocationReason): Promise<void> {
    await this.sessions.destroyAllOf(username);
    await this.publish({ username, reason });
  }

  /** One sign-in ends (it was already removed from the store, e.g. by sign-out): close its sockets everywhere. */
  async revokeSignIn(username: string, signInId: string, reason: RevocationReason): Promise<void> {
    await this.publish({ username, signInId, reason });
  }

  /** Called on every node for every revocation, wherever it was made. */
  async onRevoked(listener: (revocation: Revocation) => void): Promise<void> {
    await this.bus.subscribe(listener);
  }

  private async publish(revocation: Revocation): Promise<void> {
    this.log.info({ agent: revocation.username, reason: revocation.reason, one: revocation.signInId !== undefined }, 'agent access revoked');
    await this.bus.publish(revocation);
  }
}
