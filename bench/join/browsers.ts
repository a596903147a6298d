import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { instrumentPage } from './instrument';
import { installSenderTuning } from './senderTuning';

/**
 * tsx (like esbuild with keepNames) wraps named inner functions in __name(...); functions handed
 * to a page are sent as source, so every bench page gets a no-op __name first.
 */
const KEEP_NAMES_SHIM = 'globalThis.__name = (target) => target;';

export async function benchContext(browser: Browser, options: { headed: boolean }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: options.headed ? null : { width: 1440, height: 900 }, locale: 'en-US' });
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
  await context.addInitScript(instrumentPage);
  await context.addInitScript(installSenderTuning);
  return context;
}

export { chromium };
