import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { startEmbeddingSite, type EmbeddingSite } from '../support/embeddingSite';
import { startServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { AgentChat, CustomerChat } from './pages/chatPages';

/**
 * In the chat nobody types a key. A customer whose browser cannot share (a phone) who accepts
 * the agent's request is told so in the chat, in place of the request's "Share screen", while
 * the agent reads why; a customer who can share goes straight to the consent step. Neither ever
 * reads a word about a key.
 */
const AGENT_TOLD = "The customer's browser cannot share a screen — suggest a computer or the app";
const PHONE = { width: 390, height: 844 };

/** Makes the context's browser one without getDisplayMedia, as on a phone. */
async function withoutScreenSharing(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    Object.defineProperty(MediaDevices.prototype, 'getDisplayMedia', { value: undefined, configurable: true });
  });
}

/** Every frame of /chat notes the first visible text that speaks of a key (checked on each animation frame). */
async function watchForKeyWords(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (location.pathname !== '/chat') return;
    const check = () => {
      const seen = /\b(security )?key\b|schlüssel/i.exec(document.body?.innerText ?? '');
      if (seen) document.documentElement.dataset.sawKeyWords = document.body.innerText.slice(Math.max(0, seen.index - 60), seen.index + 60);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

function keyWordsSeen(chat: Page | FrameLocator): Promise<string | null> {
  return chat.locator('html').getAttribute('data-saw-key-words');
}

test.describe('accepting a chat share request', () => {
  test('on a phone: the customer reads why nothing can be shared, the agent is told, no key is mentioned', async ({
    server,
    agent,
    agentIdentity,
    fakeCustomerContext,
  }) => {
    const context = await fakeCustomerContext('phone');
    await withoutScreenSharing(context);
    await watchForKeyWords(context);
    const customer = await CustomerChat.open(context, server.url);
    await customer.page.setViewportSize(PHONE);
    await customer.say('Hello from my phone');
    const chat = await AgentChat.take(agent);
    await chat.requestShare.click();
    const request = customer.request(agentIdentity.displayName);
    await request.getByRole('button', { name: 'Share screen' }).click();

    const told = request.getByText(
      `This browser cannot share a screen, so we have let ${agentIdentity.displayName} know. Together you can find another way here in the chat.`,
    );
    await expect(told).toBeVisible();
    await expect(told, 'the keyboard lands on the explanation').toBeFocused();
    await expect(request.getByRole('button', { name: 'Share screen' }), 'no button that cannot work').toBeHidden();
    await expect(request.getByRole('button', { name: 'No thanks' })).toBeVisible();
    await expect(chat.session().getByRole('status')).toHaveText(AGENT_TOLD);
    await customer.page.screenshot({ path: test.info().outputPath('phone-chat-cannot-share.png') });

    // The chat goes on.
    await customer.say('OK, what now?');
    await expect(chat.line('OK, what now?')).toBeVisible();
    expect(await keyWordsSeen(customer.page), 'the chat never speaks of a key').toBeNull();
  });

  test('on a computer: the consent step follows, and no key is mentioned on the way', async ({ agentIdentity, fakeCustomerContext, startChat }) => {
    const context = await fakeCustomerContext();
    await watchForKeyWords(context);
    const { customer, chat, requestShare } = await startChat('Please have a look', { context });
    await (await requestShare()).getByRole('button', { name: 'Share screen' }).click();
    await customer.page.getByRole('button', { name: 'Share my screen' }).click();
    await expect(chat.line('The customer is sharing their screen.')).toBeVisible({ timeout: 30_000 });
    await expect(customer.page.getByText(`You are sharing your screen with ${agentIdentity.displayName}`, { exact: true })).toBeVisible();
    expect(await keyWordsSeen(customer.page), 'the chat never speaks of a key').toBeNull();
  });
});

test.describe('accepting a share request in the chat widget on a phone', () => {
  let site: EmbeddingSite;
  let serverUrl = '';

  test.beforeAll(async () => {
    site = await startEmbeddingSite(
      () => `<!doctype html><html lang="de"><head><title>Acme Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Acme Shop</h1><script src="${serverUrl}/widget.js" data-lang="de"></script></body></html>`,
    );
  });

  test.afterAll(() => site.close());

  test('German: the customer reads why nothing can be shared, the agent is told', async ({ agentContext, fakeCustomerContext }) => {
    const server = await startServer({ CHAT_EMBED_ORIGINS: site.origin });
    try {
      serverUrl = server.url;
      const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
      const identity = await agent.identity();
      const context = await fakeCustomerContext('phone', { locale: 'de-DE' });
      await withoutScreenSharing(context);
      await watchForKeyWords(context);
      const visitor = await context.newPage();
      await visitor.setViewportSize(PHONE);
      await visitor.goto(`${site.origin}/`);
      await visitor.getByRole('button', { name: 'Chat mit uns' }).click();
      const widget = visitor.frameLocator('iframe[title="Support-Chat"]');
      await widget.getByRole('textbox', { name: 'Ihr Name (freiwillig)' }).fill('Petra');
      await widget.getByRole('textbox', { name: 'Ihre Nachricht' }).fill('Hallo vom Handy');
      await widget.getByRole('button', { name: 'Senden' }).click();
      const chat = await AgentChat.take(agent, 'Petra');
      await chat.requestShare.click();
      const request = widget.locator('li', { hasText: `${identity.displayName} möchte Ihren Bildschirm sehen.` }).last();
      await request.getByRole('button', { name: 'Bildschirm teilen' }).click();

      const told = request.getByText(
        `Dieser Browser kann keinen Bildschirm teilen. Wir haben ${identity.displayName} Bescheid gegeben; gemeinsam finden Sie hier im Chat einen anderen Weg.`,
      );
      await expect(told).toBeVisible();
      await expect(told).toBeInViewport();
      await expect(request.getByRole('button', { name: 'Bildschirm teilen' })).toBeHidden();
      await expect(chat.session().getByRole('status')).toHaveText(AGENT_TOLD);
      await visitor.screenshot({ path: test.info().outputPath('phone-widget-cannot-share-de.png') });
      expect(await keyWordsSeen(widget), 'the chat never speaks of a key').toBeNull();
    } finally {
      await server.stop();
    }
  });
});
