import type { Browser, LaunchOptions } from 'playwright-core';
import { agentLaunchOptions, desktopWindowLaunchOptions, realCaptureLaunchOptions } from '../../test/support/chromium';
import { startXvfb, type VirtualDisplay } from '../../test/support/xvfb';
import { startTarget, BENCH_AGENT, type RunningTarget } from '../signaling/targets';
import { serveBlankPage } from '../support/blankPage';
import { chromium } from './browsers';
import { AgentConsolePage } from './pages';
import { benchContext } from './browsers';

/**
 * What the join and picture measurements share: a 1920×1080 virtual X display (the customer's
 * desktop, captured for real), our built server, a signed-in agent console (headless), and a
 * blank page server for the baselines.
 */
export interface Stage {
  display: VirtualDisplay;
  server: RunningTarget;
  customerUrl: string;
  agent: AgentConsolePage;
  blankUrl: string;
  /** A headed customer browser on the display, sharing "Entire screen" without a picker. */
  launchCustomer(): Promise<Browser>;
  /** A plain headed window on the display, e.g. the clock. */
  launchWindow(rect: { x: number; y: number; width: number; height: number }): Promise<Browser>;
  close(): Promise<void>;
}

export async function openStage(): Promise<Stage> {
  const display = await startXvfb(1920, 1080);
  const cleanups: Array<() => Promise<unknown>> = [() => display.stop()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const server = await startTarget('ours');
    cleanups.push(() => server.stop());
    const blank = await serveBlankPage();
    cleanups.push(() => blank.close());
    const agentBrowser = await chromium.launch(agentLaunchOptions());
    cleanups.push(() => agentBrowser.close());
    const agent = await AgentConsolePage.signIn(await benchContext(agentBrowser, { headed: false }), `${server.url}/agent`, BENCH_AGENT);
    const launch = async (options: LaunchOptions) => {
      const browser = await chromium.launch(options);
      cleanups.push(() => browser.close());
      return browser;
    };
    return {
      display,
      server,
      customerUrl: `${server.url}/`,
      agent,
      blankUrl: blank.url,
      launchCustomer: () => launch(realCaptureLaunchOptions(display.display)),
      launchWindow: (rect) => launch(desktopWindowLaunchOptions(display.display, rect)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
