import type { Browser, Locator } from 'playwright-core';
import type { BenchEvent } from './instrument';
import { benchContext } from './browsers';
import { AgentConsolePage, CustomerWebPage } from './pages';

/** Milliseconds from the customer's "Continue", for each step of one join. */
export interface JoinPhases {
  keyAccepted: number;
  /** The consent screen's "Share my screen" is painted (the animation frame after it appeared). */
  consentShown: number;
  /** The customer clicked "Share my screen" (the bench clicks as soon as it shows). */
  consentClicked: number;
  /** The agent learns of the consent: both sides are in one session. */
  paired: number;
  /**
   * The agent's RTCPeerConnection is connected. Since the connection is made while the consent
   * screen shows (data channel only), this is usually before "Share my screen".
   */
  connected: number;
  /** The customer's getDisplayMedia resolved: the screen is captured. */
  captured: number;
  /**
   * The agent receives the offer with the picture's video section: the first offer after "Share
   * my screen" (since issue #17 sent at the click, while the screen is being captured).
   */
  offer: number;
  /** The customer receives the agent's answer to that offer: once captured too, the picture may flow. */
  answer: number;
  /** The agent's video decodes its first frame. */
  firstFrame: number;
  /** Its width: since issue #17 the first frame is sent at half size (renderer/shared/reducedFirstFrame.ts). */
  firstFrameWidth: number;
  /** The agent's first frame at the screen's full width (only when joinOnce is given that width). */
  fullFrame?: number;
}

export interface OurJoin {
  phases: JoinPhases;
  panel: Locator;
  customer: CustomerWebPage;
  end(): Promise<void>;
}

const events = (page: { evaluate<T>(fn: () => T): Promise<T> }) => page.evaluate(() => window.__bench.events);

function first(list: BenchEvent[], after: number, test: (event: BenchEvent) => boolean, name: string): number {
  const found = list.find((event) => event.at >= after && test(event));
  if (!found) throw new Error(`join: no "${name}" event recorded`);
  return found.at;
}

/** One real join: the agent starts a share, the customer (headed, real capture) types the key and consents. */
export async function joinOnce(agent: AgentConsolePage, customerBrowser: Browser, customerUrl: string, options: { fullWidth?: number } = {}): Promise<OurJoin> {
  const context = await benchContext(customerBrowser, { headed: true });
  const customer = await CustomerWebPage.open(context, customerUrl);
  const { panel, key } = await agent.startScreenShare();
  const mark = await agent.page.evaluate(() => performance.timeOrigin + performance.now());
  await customer.typeKey(key);
  await customer.pressContinue();
  if (process.env.BENCH_DEBUG) await Promise.all([customer.page, agent.page].map((page) => page.evaluate(() => window.__bench.watchVideoStats(4_000))));
  await customer.consent();
  await agent.page.waitForFunction(
    (mark) => window.__bench.events.some((event) => event.kind === 'first-frame' && event.at >= mark && event.what === 'Customer screen'),
    mark,
    { timeout: 30_000, polling: 50 },
  );
  const isFullFrame = (event: BenchEvent, width: number) =>
    (event.kind === 'first-frame' || event.kind === 'frame-size') && event.what === 'Customer screen' && Number(event.detail) >= width;
  if (options.fullWidth !== undefined) {
    await agent.page.waitForFunction(
      ({ mark, width }) =>
        window.__bench.events.some(
          (event) => event.at >= mark && (event.kind === 'first-frame' || event.kind === 'frame-size') && event.what === 'Customer screen' && Number(event.detail) >= width,
        ),
      { mark, width: options.fullWidth },
      { timeout: 30_000, polling: 50 },
    );
  }
  const [customerEvents, agentEvents] = await Promise.all([events(customer.page), events(agent.page)]);
  const continued = first(customerEvents, 0, (e) => e.kind === 'click' && e.what === 'Continue', 'Continue');
  if (process.env.BENCH_DEBUG) {
    const show = (who: string, list: BenchEvent[]) => list.filter((e) => e.at >= continued).map((e) => `${who} ${Math.round(e.at - continued)} ${e.kind} ${e.what} ${e.detail ?? ''}`);
    console.error([...show('C', customerEvents), ...show('A', agentEvents)].sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1])).join('\n'));
  }
  const since = (at: number) => at - continued;
  const clicked = first(customerEvents, continued, (e) => e.kind === 'click' && e.what === 'Share my screen', 'Share my screen');
  const paired = first(agentEvents, mark, (e) => e.kind === 'ws-in' && e.what === 'session.update' && e.detail === 'choosing-screen', 'choosing-screen');
  // The picture's offer is the first after the consent reached the agent, both on the agent's clock:
  // it follows the click by ~50 ms, less than two browsers' clocks may drift apart over a run.
  const pictureOffer = first(agentEvents, paired, (e) => e.kind === 'ws-in' && e.what === 'signal' && e.detail === 'offer', 'offer');
  const phases: JoinPhases = {
    keyAccepted: since(first(customerEvents, continued, (e) => e.kind === 'ws-in' && e.what === 'key.accepted', 'key.accepted')),
    consentShown: since(first(customerEvents, continued, (e) => e.kind === 'shown' && e.what === 'Share my screen' && e.detail === 'painted', 'consent painted')),
    consentClicked: since(clicked),
    paired: since(paired),
    connected: since(first(agentEvents, mark, (e) => e.kind === 'connected', 'connected')),
    captured: since(first(customerEvents, clicked, (e) => e.kind === 'captured', 'captured')),
    offer: since(pictureOffer),
    answer: since(first(customerEvents, pictureOffer, (e) => e.kind === 'ws-in' && e.what === 'signal' && e.detail === 'answer', 'answer')),
    firstFrame: since(first(agentEvents, mark, (e) => e.kind === 'first-frame' && e.what === 'Customer screen', 'first frame')),
    firstFrameWidth: Number(agentEvents.find((e) => e.at >= mark && e.kind === 'first-frame' && e.what === 'Customer screen')?.detail),
  };
  const { fullWidth } = options;
  if (fullWidth !== undefined) phases.fullFrame = since(first(agentEvents, mark, (e) => isFullFrame(e, fullWidth), 'full-size frame'));
  return {
    phases,
    panel,
    customer,
    async end() {
      await agent.endSession(panel).catch(() => undefined);
      await context.close();
    },
  };
}
