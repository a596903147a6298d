import { expect, test as base, type Browser, type BrowserContext, type Locator } from '@playwright/test';
import { agentLaunchOptions, fakeCaptureLaunchOptions, realCaptureLaunchOptions } from '../support/chromium';
import { recordConsole } from '../support/consoleLog';
import { paintScreenMarker, type ScreenMarker } from '../support/screenMarker';
import { startServer, type RunningServer } from '../support/server';
import { startXvfb, type VirtualDisplay } from '../support/xvfb';
import { AgentConsole } from './pages/agentConsole';
import { AgentChat, CustomerChat } from './pages/chatPages';
import { CustomerPage } from './pages/customerPage';
import { shareScreen, type SharingSession } from './shareFlow';

/** A virtual screen with a marker painted on its desktop, where the customer's browser runs. */
export interface CustomerDesktop {
  readonly screen: VirtualDisplay;
  readonly marker: ScreenMarker;
}

/**
 * Makes a browser context; `name` labels its console log in the test's attachments. English
 * (en-US) unless another browser language is asked for.
 */
type NewContext = (name?: string, options?: { locale?: string }) => Promise<BrowserContext>;

/** Who the customer is told is asking (the signed-in agent, as the server knows them). */
export interface AgentIdentity {
  displayName: string;
  organisation: string;
}

/** A web chat the signed-in agent has taken: both sides, ready to talk or to ask for a share. */
export interface TakenChat {
  customer: CustomerChat;
  chat: AgentChat;
  /** Clicks "Request screen share" and returns the request as the customer's chat shows it. */
  requestShare(): Promise<Locator>;
}

interface TestFixtures {
  /** Extra environment for the server of this test, e.g. { KEY_TTL_SECONDS: '2' }. */
  serverEnv: Record<string, string>;
  /** A fresh signaling server (the built one, as a child process) for each test. */
  server: RunningServer;
  /** A new context in the headless agent browser. */
  agentContext: NewContext;
  /** A new context in a headless customer browser that shares Chromium's synthetic screen. */
  fakeCustomerContext: NewContext;
  /** A new context in a headed customer browser on the virtual desktop that shares the real screen. */
  realCustomerContext: NewContext;
  /** The demo agent, signed in to the agent console (in an agentContext). */
  agent: AgentConsole;
  agentIdentity: AgentIdentity;
  /** The customer page, open on the fake screen (in a fakeCustomerContext), its key field ready. */
  customer: CustomerPage;
  /** The customer page on the virtual desktop (in a realCustomerContext), sharing the real screen. */
  realCustomer: CustomerPage;
  /** The voice flow up to a live picture (at least 640 px wide) between `agent` and `customer`. */
  fakeShare: SharingSession;
  /** The voice flow up to a live picture (at least 1280 px wide) between `agent` and `realCustomer`. */
  realShare: SharingSession;
  /**
   * Opens the chat page (fake screen unless `context` is given), says `firstMessage`, and the
   * signed-in agent takes that chat.
   */
  startChat: (firstMessage: string, options?: { context?: BrowserContext; customerName?: string }) => Promise<TakenChat>;
}

interface WorkerFixtures {
  agentBrowser: Browser;
  fakeCaptureBrowser: Browser;
  desktop: CustomerDesktop;
}

/** Where the marker sits: right of the customer's window, above Chromium's "sharing" bar. */
const MARKER_RECT = { x: 1300, y: 450, width: 400, height: 400 };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverEnv: [{}, { option: true }],

  // Its own timeout: starting a server (a fresh embedded database, migrated) took 18–22 s on a
  // busy 2-core CI machine, and that is not the time of what a test checks.
  server: [
    async ({ serverEnv }, use, testInfo) => {
      const server = await startServer(serverEnv);
      try {
        await use(server);
      } finally {
        await server.stop();
        await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
      }
    },
    { timeout: 60_000 },
  ],

  agentBrowser: [
    async ({ playwright }, use) => {
      const browser = await playwright.chromium.launch(agentLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  fakeCaptureBrowser: [
    async ({ playwright }, use) => {
      const browser = await playwright.chromium.launch(fakeCaptureLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  desktop: [
    async ({}, use) => {
      const screen = await startXvfb(1920, 1080);
      try {
        const marker = await paintScreenMarker(screen, MARKER_RECT);
        await use({ screen, marker });
      } finally {
        await screen.stop();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],

  agentContext: async ({ agentBrowser }, use, testInfo) => {
    await useContexts(use, testInfo, 'agent', async () => agentBrowser);
  },

  fakeCustomerContext: async ({ fakeCaptureBrowser }, use, testInfo) => {
    await useContexts(use, testInfo, 'customer', async () => fakeCaptureBrowser);
  },

  // One headed browser per context: each gets a fresh window at the known position on the desktop.
  realCustomerContext: async ({ playwright, desktop }, use, testInfo) => {
    const browsers: Browser[] = [];
    try {
      await useContexts(use, testInfo, 'customer', async () => {
        const browser = await playwright.chromium.launch(realCaptureLaunchOptions(desktop.screen.display));
        browsers.push(browser);
        return browser;
      }, true);
    } finally {
      await Promise.all(browsers.map((browser) => browser.close()));
    }
  },

  agent: async ({ server, agentContext }, use) => {
    await use(await AgentConsole.signIn(await agentContext(), server.agentUrl));
  },

  agentIdentity: async ({ agent }, use) => {
    await use(await agent.identity());
  },

  customer: async ({ server, fakeCustomerContext }, use) => {
    await use(await CustomerPage.open(await fakeCustomerContext(), server.customerUrl));
  },

  realCustomer: async ({ server, realCustomerContext }, use) => {
    await use(await CustomerPage.open(await realCustomerContext(), server.customerUrl));
  },

  fakeShare: async ({ agent, customer }, use) => {
    await use(await shareScreen(agent, customer, 640));
  },

  realShare: async ({ agent, realCustomer }, use) => {
    await use(await shareScreen(agent, realCustomer, 1280));
  },

  startChat: async ({ server, agent, agentIdentity, fakeCustomerContext }, use) => {
    await use(async (firstMessage, { context, customerName } = {}) => {
      const customer = await CustomerChat.open(context ?? (await fakeCustomerContext()), server.url);
      await customer.say(firstMessage);
      const chat = await AgentChat.take(agent, customerName);
      return {
        customer,
        chat,
        requestShare: async () => {
          await chat.requestShare.click();
          const request = customer.request(agentIdentity.displayName);
          await expect(request).toBeVisible();
          return request;
        },
      };
    });
  },
});

export { expect };

/**
 * Hands the test a context factory; afterwards closes every context it made and attaches what
 * each one's pages printed to the console (named after the role: agent, customer, customer-2, ...).
 */
async function useContexts(
  use: (factory: NewContext) => Promise<void>,
  testInfo: { attach(name: string, options: { body: string; contentType: string }): Promise<void> },
  role: string,
  browserFor: () => Promise<Browser>,
  headed = false,
): Promise<void> {
  const made: Array<{ name: string; context: BrowserContext; log: () => string }> = [];
  try {
    await use(async (name = role, { locale = 'en-US' } = {}) => {
      const browser = await browserFor();
      // A headed window keeps its own size (viewport null).
      const context = await browser.newContext({ locale, viewport: headed ? null : { width: 1440, height: 900 } });
      const taken = made.filter((entry) => entry.name.startsWith(name)).length;
      made.push({ name: taken === 0 ? name : `${name}-${taken + 1}`, context, log: recordConsole(context) });
      return context;
    });
  } finally {
    for (const { name, context, log } of made) {
      await context.close().catch(() => undefined);
      await testInfo.attach(`${name}-console.txt`, { body: log() || '(nothing printed)', contentType: 'text/plain' });
    }
  }
}
