import type { WebSocketRoute } from '@playwright/test';
import { SignalData } from '../../signaling/protocol';
import { MitmRelay } from '../support/mitmRelay';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';

/**
 * The three verification words: the same on both screens for a direct connection (real capture),
 * different when a relay in the middle (a compromised server, played by this test: it rewrites
 * the agent's signaling socket and bridges two real peer connections in Node) terminates DTLS.
 */
const THREE_WORDS = /^[a-z]+ [a-z]+ [a-z]+$/;

test('customer and agent read the same three words on a direct connection', async ({ realCustomer: customer, realShare: sharing }) => {
  const agentWords = sharing.session.panel.getByLabel('Verification words');
  const customerWords = customer.page.getByLabel('Verification words');
  await expect(agentWords).toHaveText(THREE_WORDS);
  await expect(sharing.session.panel.getByText('Ask the customer to read the three words on their screen.')).toBeVisible();
  const words = (await agentWords.innerText()).trim();
  await expect(customerWords).toHaveText(words);
  console.log(`direct connection: both sides show "${words}"`);
});

test('a relay in the middle makes the two sides show different words', async ({ server, agentContext, fakeCustomerContext }) => {
  const relays: MitmRelay[] = [];
  const context = await agentContext();
  // The "compromised server": the agent's signaling socket passes through here.
  await context.routeWebSocket(/\/ws\/agent$/, (page: WebSocketRoute) => {
    const upstream = page.connectToServer();
    let relay: MitmRelay | null = null;
    let sessionId = '';
    const relayFor = (id: string) => {
      sessionId = id;
      relay ??= new MitmRelay({
        toCustomer: (data) => upstream.send(JSON.stringify({ type: 'signal', sessionId, data })),
        toAgent: (data) => page.send(JSON.stringify({ type: 'signal', sessionId, from: 'customer', data })),
      });
      if (!relays.includes(relay)) relays.push(relay);
      return relay;
    };
    upstream.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { type?: string; sessionId?: string; from?: string; data?: unknown };
      const data = SignalData.safeParse(message.data);
      if (message.type === 'signal' && message.from === 'customer' && message.sessionId && data.success) {
        relayFor(message.sessionId).fromCustomer(data.data);
      } else page.send(raw);
    });
    page.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { type?: string; data?: unknown };
      const data = SignalData.safeParse(message.data);
      if (message.type === 'signal' && relay && data.success) relay.fromAgent(data.data);
      else upstream.send(raw);
    });
  });
  try {
    const agent = await AgentConsole.signIn(context, server.agentUrl);
    const identity = await agent.identity();
    const session = await agent.startScreenShare();
    const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
    await customer.enterKey(await session.key());
    await expect(customer.consentQuestion(identity)).toBeVisible();
    await customer.shareButton.click();

    const agentWords = session.panel.getByLabel('Verification words');
    const customerWords = customer.page.getByLabel('Verification words');
    await expect(agentWords).toHaveText(THREE_WORDS, { timeout: 30_000 });
    await expect(customerWords).toHaveText(THREE_WORDS);
    const seenByAgent = (await agentWords.innerText()).trim();
    const seenByCustomer = (await customerWords.innerText()).trim();
    console.log(`through the relay: the agent shows "${seenByAgent}", the customer "${seenByCustomer}"`);
    expect(seenByCustomer, 'the relay cannot make both sides show the same words').not.toBe(seenByAgent);
  } finally {
    for (const relay of relays) relay.destroy();
  }
});
