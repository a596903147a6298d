import type { Config } from '../config';
import type { AccountDirectory } from './accountDirectory';
import { DEMO_USERNAME } from './demoAgent';

/** The demo agent as the start banner reports it: just made (password shown once), or kept from an earlier start. */
export type DemoAgentNews = { created: { username: string; password: string } } | { existing: string } | null;

/**
 * A demo agent made at this start, or the one an earlier start made if it is still there: the
 * banner then reminds the developer that it exists and how to set a new password.
 */
export function demoAgentNews(
  config: Pick<Config, 'demoAgent' | 'production'>,
  directory: Pick<AccountDirectory, 'find'>,
  created: { username: string; password: string } | null,
): DemoAgentNews {
  if (created) return { created };
  if (config.production || config.demoAgent) return null;
  return directory.find(DEMO_USERNAME) ? { existing: DEMO_USERNAME } : null;
}
