import { createHmac } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { coturnMissing, startCoturn, type Coturn } from '../support/coturn';
import { startServer, type RunningServer } from '../support/server';
import { expect, test as base } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * The TURN-only path with a real coturn on loopback: the signaling server names it in
 * ICE_SERVERS, hands out TURN REST credentials signed with TURN_SECRET, and tells both browsers
 * iceTransportPolicy 'relay'. The picture must still arrive, and both browsers' getStats must show
 * that the media goes through a relay candidate on each side.
 */

const TTL_SECONDS = 600;

interface RelayFixtures {
  /** The signaling server signs credentials with a secret coturn does not know (a misconfiguration). */
  wrongTurnSecret: boolean;
  coturn: Coturn;
  relayServer: RunningServer;
}

const test = base.extend<RelayFixtures>({
  wrongTurnSecret: [false, { option: true }],
  coturn: async ({}, use, testInfo) => {
    const coturn = await startCoturn();
    try {
      await use(coturn);
    } finally {
      await coturn.stop();
      await testInfo.attach('coturn-output.txt', { body: coturn.output(), contentType: 'text/plain' });
    }
  },
  relayServer: async ({ coturn, wrongTurnSecret }, use, testInfo) => {
    const server = await startServer({
      ICE_SERVERS: JSON.stringify([{ urls: [`${coturn.url}?transport=udp`] }]),
      TURN_SECRET: wrongTurnSecret ? `not-${coturn.secret}` : coturn.secret,
      TURN_CREDENTIAL_TTL_SECONDS: String(TTL_SECONDS),
      ICE_TRANSPORT_POLICY: 'relay',
    });
    try {
      await use(server);
    } finally {
      await server.stop();
      await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
    }
  },
});

interface WelcomeIce {
  iceServers: Array<{ urls: string | string[]; username?: string; credential?: string }>;
  iceTransportPolicy: string;
}

/**
 * The ICE servers the page was given for its session (session.ice: TURN credentials come only
 * there, never in the welcome), with the relay policy from the welcome.
 */
function captureWelcome(page: Page): Promise<WelcomeIce> {
  return new Promise((resolve) => {
    let policy = '';
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        try {
          const message = JSON.parse(payload.toString()) as { type?: string } & Partial<WelcomeIce>;
          if (message.type === 'welcome') policy = message.iceTransportPolicy ?? '';
          if (message.type === 'session.ice') resolve({ iceServers: message.iceServers ?? [], iceTransportPolicy: policy });
        } catch {
          // not JSON: not ours to judge here
        }
      }),
    );
  });
}

declare global {
  interface Window {
    __peerConnections?: Array<{ connection: RTCPeerConnection; config: RTCConfiguration | undefined }>;
  }
}

/** Keeps every RTCPeerConnection the page makes (and the configuration it was made with) for getStats. */
async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: NonNullable<Window['__peerConnections']> = [];
    window.__peerConnections = made;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push({ connection: this, config });
      }
    };
  });
}

interface SelectedPair {
  state: string;
  local: { candidateType: string; address: string; port: number; protocol: string; relayProtocol?: string };
  remote: { candidateType: string; address: string };
  bytesReceived: number;
  bytesSent: number;
  policy: string | undefined;
  configuredUsernames: string[];
}

/** The candidate pair the page's (last) peer connection uses, from its own getStats(). */
function selectedPair(page: Page): Promise<SelectedPair | null> {
  return page.evaluate(async () => {
    const entry = window.__peerConnections?.at(-1);
    if (!entry) return null;
    const stats = await entry.connection.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((report: Record<string, unknown>) => byId.set(String(report.id), report));
    const transport = [...byId.values()].find((report) => report.type === 'transport' && report.selectedCandidatePairId);
    const pair = transport
      ? byId.get(String(transport.selectedCandidatePairId))
      : [...byId.values()].find((report) => report.type === 'candidate-pair' && report.state === 'succeeded' && report.nominated);
    if (!pair) return null;
    const local = byId.get(String(pair.localCandidateId)) ?? {};
    const remote = byId.get(String(pair.remoteCandidateId)) ?? {};
    const usernames = (entry.config?.iceServers ?? []).map((server) => server.username ?? '');
    return {
      state: String(pair.state),
      local: {
        candidateType: String(local.candidateType),
        address: String(local.address),
        port: Number(local.port),
        protocol: String(local.protocol),
        relayProtocol: local.relayProtocol === undefined ? undefined : String(local.relayProtocol),
      },
      remote: { candidateType: String(remote.candidateType), address: String(remote.address) },
      bytesReceived: Number(pair.bytesReceived ?? 0),
      bytesSent: Number(pair.bytesSent ?? 0),
      policy: entry.config?.iceTransportPolicy,
      configuredUsernames: usernames,
    };
  });
}

/** A TURN REST credential: "<expiry unix seconds>:<sessionId>:<role>", password base64(HMAC-SHA1(secret, username)). */
function expectRestCredential(ice: WelcomeIce, coturn: Coturn, label: string): string {
  expect(ice.iceTransportPolicy).toBe('relay');
  expect(ice.iceServers).toHaveLength(1);
  const [server] = ice.iceServers;
  const username = server?.username ?? '';
  const match = /^(\d+):(.+)$/.exec(username);
  expect(match, `TURN username "${username}" should be "<expiry>:<id>"`).not.toBeNull();
  const expiry = Number(match?.[1]);
  const now = Date.now() / 1000;
  expect(expiry, 'the credential expires in the future, within the configured lifetime').toBeGreaterThan(now);
  expect(expiry).toBeLessThanOrEqual(now + TTL_SECONDS + 5);
  expect(match?.[2]).toMatch(new RegExp(`^[A-Za-z0-9_-]{16,64}:${label}$`));
  expect(server?.credential).toBe(createHmac('sha1', coturn.secret).update(username).digest('base64'));
  expect(server?.credential, 'the static secret itself is never handed out').not.toBe(coturn.secret);
  return username;
}

test.describe('TURN relay with a real coturn', () => {
  test.beforeAll(() => {
    const missing = coturnMissing();
    if (missing) console.log(`      skipped: ${missing}`);
    test.skip(missing !== undefined, missing);
  });

  test('with relay-only ICE the agent sees the picture through coturn, with short-lived credentials', async ({
    coturn,
    relayServer,
    agentContext,
    fakeCustomerContext,
  }) => {
    const agentCtx = await agentContext();
    const customerCtx = await fakeCustomerContext();
    await recordPeerConnections(agentCtx);
    await recordPeerConnections(customerCtx);

    // The agent's page is opened by AgentConsole.signIn; listen on the context for its first page.
    const agentWelcome = new Promise<WelcomeIce>((resolve) => agentCtx.once('page', (page) => resolve(captureWelcome(page))));
    const agent = await AgentConsole.signIn(agentCtx, relayServer.agentUrl);
    const customerWelcome = new Promise<WelcomeIce>((resolve) => customerCtx.once('page', (page) => resolve(captureWelcome(page))));
    const customer = await CustomerPage.open(customerCtx, relayServer.customerUrl);

    const sharing = await shareScreen(agent, customer, 640);
    console.log(
      `relay-only share: ${sharing.picture.width}x${sharing.picture.height}; Share → first frame ${sharing.shareToFirstFrameMs} ms`,
    );
    await expect(sharing.session.status).toHaveText("Sharing: you can see the customer's screen");

    const agentUser = expectRestCredential(await agentWelcome, coturn, 'agent');
    const customerUser = expectRestCredential(await customerWelcome, coturn, 'customer');

    for (const [who, page, username] of [
      ['agent', agent.page, agentUser],
      ['customer', customer.page, customerUser],
    ] as const) {
      await expect
        .poll(async () => (await selectedPair(page))?.state, { message: `the ${who}'s peer connection should select a pair` })
        .toBe('succeeded');
      const pair = await selectedPair(page);
      console.log(`${who}: selected pair ${JSON.stringify(pair)}`);
      expect(pair?.policy, `the ${who}'s browser was told relay only`).toBe('relay');
      expect(pair?.configuredUsernames, `the ${who}'s peer connection uses the credential it was given`).toEqual([username]);
      expect(pair?.local.candidateType, `the ${who}'s own side of the media path is a TURN relay`).toBe('relay');
      expect(pair?.local.address).toBe('127.0.0.1');
      expect(pair?.local.port, `the ${who}'s relay address is one coturn allocated`).toBeGreaterThanOrEqual(coturn.relayPorts.min);
      expect(pair?.local.port).toBeLessThanOrEqual(coturn.relayPorts.max);
      expect(pair?.local.relayProtocol).toBe('udp');
      expect(pair?.remote.candidateType, `the ${who}'s peer is reached through its relay too`).toBe('relay');
    }
    await expect
      .poll(async () => (await selectedPair(agent.page))?.bytesReceived ?? 0, { message: 'video keeps arriving through the relay' })
      .toBeGreaterThan(100_000);

    // coturn itself granted both allocations, each to its own time-limited username.
    for (const username of [agentUser, customerUser]) {
      expect(coturn.output()).toContain(`realm <${coturn.realm}> user <${username}>: incoming packet ALLOCATE processed, success`);
    }
  });

  test.describe('when coturn refuses the credentials', () => {
    test.use({ wrongTurnSecret: true });

    test('no media path is found, and none goes around the relay', async ({ coturn, relayServer, agentContext, fakeCustomerContext }) => {
      const customerCtx = await fakeCustomerContext();
      await recordPeerConnections(customerCtx);
      const agent = await AgentConsole.signIn(await agentContext(), relayServer.agentUrl);
      const identity = await agent.identity();
      const session = await agent.startScreenShare();
      const customer = await CustomerPage.open(customerCtx, relayServer.customerUrl);
      await customer.enterKey(await session.key());
      await expect(customer.consentQuestion(identity)).toBeVisible();
      await customer.shareButton.click();

      // The customer's browser finishes gathering: with relay-only ICE and no TURN allocation it
      // has no candidate at all to offer (no host or server-reflexive address slips through).
      await expect
        .poll(() => customer.page.evaluate(() => window.__peerConnections?.at(-1)?.connection.iceGatheringState), {
          message: "the customer's candidate gathering should finish",
          timeout: 30_000,
        })
        .toBe('complete');
      const localCandidates = await customer.page.evaluate(async () => {
        const stats = await window.__peerConnections?.at(-1)?.connection.getStats();
        const types: string[] = [];
        stats?.forEach((report: { type: string; candidateType?: string }) => {
          if (report.type === 'local-candidate') types.push(String(report.candidateType));
        });
        return types;
      });
      expect(localCandidates, 'no candidate without a TURN allocation').toEqual([]);
      const pictures = await session.video.evaluateAll((videos: HTMLVideoElement[]) => videos.map((video) => video.videoWidth));
      expect(pictures.filter((width) => width > 0), 'the agent has no picture').toEqual([]);
      // coturn refused the customer's allocation because the HMAC did not match (not merely the
      // unauthenticated first request every TURN client makes).
      expect(coturn.output()).toMatch(/user <\d+:[A-Za-z0-9_-]+:customer>: incoming packet message processed, error 401: Unauthorized/);
      expect(coturn.output()).not.toContain('ALLOCATE processed, success');
    });
  });
});
