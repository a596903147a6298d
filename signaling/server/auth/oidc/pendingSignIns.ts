import { z } from 'zod';
import { newSessionToken } from '../agentSessions';

/** The cookie that binds a sign-in at the identity provider to the browser that started it. */
export const PENDING_COOKIE = 'screenshare_oidc';

/** How long an agent may take at the identity provider before the sign-in has to start again. */
export const PENDING_LIFETIME_MS = 10 * 60_000;

/** What the callback needs to check the answer: only the browser holding the cookie can present it, once. */
export const PendingSignIn = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  codeVerifier: z.string().min(43).max(128),
});
export type PendingSignIn = z.infer<typeof PendingSignIn>;

/**
 * Sign-ins sent to the identity provider and not yet back: in this process
 * (memoryPendingSignIns.ts) or in Redis for every node (redisPendingSignIns.ts). Each is keyed
 * by a random id that only its browser has (cookie), lives PENDING_LIFETIME_MS, and is taken at
 * most once, whatever the callback then finds.
 */
export interface PendingSignIns {
  /** Stores it; answers the id for the browser's cookie. */
  put(pending: PendingSignIn): Promise<string>;
  /** The pending sign-in behind a cookie's id, removed as it is read; undefined when unknown, used or expired. */
  take(id: string | undefined): Promise<PendingSignIn | undefined>;
}

export function newPendingId(): string {
  return newSessionToken();
}
