import type { Browser, BrowserContext, LaunchOptions } from 'playwright-core';
import { agentLaunchOptions, desktopWindowLaunchOptions, realCaptureLaunchOptions } from '../../test/support/chromium';
import { startXvfb, type VirtualDisplay } from '../../test/support/xvfb';
import { freeTcpPort, startOnFreePort } from '../../test/support/throwawayDaemon';
import { startTarget, BENCH_AGENT, type RunningTarget } from '../signaling/targets';
import type { CustomerNetwork } from '../uplink/namespace';
import { serveBlankPage } from '../support/blankPage';
import { chromium } from './browsers';
import { AgentConsolePage } from './pages';
import { benchContext } from './browsers';

/**
 * What the join and picture measurements share: a 1920×1080 virtual X display (the customer's
 * desktop, captured for real), our built server, a signed-in agent console (headless), and a
 * blank page server for the baselines. With a customer network (the slow-uplink bench) the
 * customer's browser runs inside that network namespace and reaches the server and the blank page
 * at this machine's end of the veth pair, where they listen instead of on loopback.
 */
export interface Stage {
  display: VirtualDisplay;
  server: RunningTarget;
  customerUrl: string;
  agent: AgentConsolePage;
  blankUrl: string;
  /** A headed customer browser on the display, sharing "Entire screen" without a picker. */
  launchCustomer(): Promise<Browser>;
  /** A fresh context in the agent's (headless) browser on this machine, e.g. the receiving end of a plain pair. */
  newReceiverContext(): Promise<BrowserContext>;
  /** A plain headed window on the display, e.g. the clock. */
  launchWindow(rect: { x: number; y: number; width: number; height: number }): Promise<Browser>;
  close(): Promise<void>;
}

export async function openStage(network?: CustomerNetwork): Promise<Stage> {
  const display = await startXvfb(1920, 1080);
  const cleanups: Array<() => Promise<unknown>> = [() => display.stop()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const server = network
      ? await startOnFreePort(freeTcpPort, (port) => startTarget('ours', { host: network.hostAddress, port }))
      : await startTarget('ours');
    cleanups.push(() => server.stop());
    const blank = await serveBlankPage(network?.hostAddress);
    cleanups.push(() => blank.close());
    const extraArgs = network
      ? [
          // Pages on the veth address are not "potentially trustworthy" by themselves; screen capture needs that.
          `--unsafely-treat-insecure-origin-as-secure=${server.url},${new URL(blank.url).origin}`,
          // Host candidates as plain addresses: mDNS names would have to be resolved across the veth.
          '--disable-features=WebRtcHideLocalIpsWithMdns',
        ]
      : [];
    const withExtraArgs = (options: LaunchOptions): LaunchOptions => ({ ...options, args: [...(options.args ?? []), ...extraArgs] });
    const customerOptions = network
      ? // Inside the namespace the X server is reached through its socket file (abstract sockets are per namespace).
        { ...withExtraArgs(realCaptureLaunchOptions(`unix${display.display}`)), executablePath: network.chromiumInside }
      : realCaptureLaunchOptions(display.display);
    const agentBrowser = await chromium.launch(withExtraArgs(agentLaunchOptions()));
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
      launchCustomer: () => launch(customerOptions),
      launchWindow: (rect) => launch(desktopWindowLaunchOptions(display.display, rect)),
      newReceiverContext: () => benchContext(agentBrowser, { headed: false }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
