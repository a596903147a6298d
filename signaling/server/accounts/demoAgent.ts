import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { readAccounts, writeAccounts } from './accountFile';
import { hashPassword } from './passwords';

/**
 * In a development checkout with no accounts yet, create one demo agent so the console can be
 * tried at once. Its password is printed this one time and only its hash is kept.
 */
export async function ensureDevelopmentAgent(
  config: Pick<Config, 'agentsFile' | 'demoAgent' | 'production'>,
): Promise<{ username: string; password: string } | null> {
  if (config.production || config.demoAgent) return null;
  if ((await readAccounts(config.agentsFile)).length > 0) return null;
  const password = randomBytes(9).toString('base64url');
  await writeAccounts(config.agentsFile, [
    { username: 'demo', displayName: 'Demo Agent', passwordHash: await hashPassword(password), createdAt: new Date().toISOString() },
  ]);
  return { username: 'demo', password };
}
