import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import type { AccountStore } from './accountStore';
import { hashPassword } from './passwords';

/** The account name of the demo agent a development checkout gets. */
export const DEMO_USERNAME = 'demo';

/**
 * In a development checkout with no accounts yet, create one demo agent (a supervisor) so the
 * console can be tried at once. Its password is printed this one time and only its hash is kept.
 */
export async function ensureDevelopmentAgent(
  config: Pick<Config, 'demoAgent' | 'production' | 'signIn'>,
  store: AccountStore,
): Promise<{ username: string; password: string } | null> {
  if (config.production || config.demoAgent || !config.signIn.localSignIn) return null;
  if ((await store.list()).length > 0) return null;
  const password = randomBytes(9).toString('base64url');
  const added = await store.add({ username: DEMO_USERNAME, displayName: 'Demo Agent', passwordHash: await hashPassword(password), role: 'supervisor' });
  return added ? { username: DEMO_USERNAME, password } : null;
}
