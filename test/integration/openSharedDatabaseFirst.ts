import type { Context } from 'mocha';
import { sharedTestDatabase } from '../support/sharedTestDatabase';

/**
 * Root hook (loaded with --require by `npm run test:integration`): opens this process's shared
 * PGlite before the first file's own hooks run, under its own generous timeout. Otherwise the
 * first file that starts a test server pays for the open inside its 20 s "before all"
 * (.mocharc.json), which a loaded machine exceeds; with --parallel every worker's first file would.
 */
export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(120_000);
    await sharedTestDatabase();
  },
};
