import { startEmbeddingSite, type EmbeddingSite } from '../support/embeddingSite';
import { startServer } from '../support/server';
import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInAnyLanguage } from './pages/axeCheck';

/**
 * axe-core, in English and German, over the chat widget on a site (closed, open, waiting, a share
 * request, the consent step, sharing, ended) and the agent's side of the same chat (inbox, the
 * conversation with messages, the ended chat). Language-neutral selectors, so one test serves
 * both languages.
 */
let site: EmbeddingSite;
let serverUrl = '';
let lang = 'en';

test.beforeAll(async () => {
  site = await startEmbeddingSite(
    () => `<!doctype html><html lang="${lang}"><head><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Acme shop</h1><p>Welcome.</p></main>
<script src="${serverUrl}/widget.js" data-lang="${lang}"></script></body></html>`,
  );
});

test.afterAll(() => site.close());

test.describe.configure({ timeout: 240_000 });

for (const locale of ['en-US', 'de-DE'] as const) {
  test(`axe finds nothing on the chat widget's states and the agent's conversation (${locale})`, async ({ agentBrowser, fakeCaptureBrowser }) => {
    const server = await startServer({ CHAT_EMBED_ORIGINS: site.origin });
    serverUrl = server.url;
    lang = locale.slice(0, 2);
    const agentContext = await agentBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const visitorContext = await fakeCaptureBrowser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 800 } });
    try {
      const agent = await agentContext.newPage();
      await signInAnyLanguage(agent, server.agentUrl);

      const visitor = await visitorContext.newPage();
      await visitor.goto(`${site.origin}/`);
      const launcher = visitor.locator('[data-screenshare-chat] button');
      await expect(launcher).toHaveAttribute('aria-expanded', 'false');
      await expectNoAxeViolations(visitor, 'widget closed');

      await launcher.click();
      const widget = visitor.frameLocator('iframe');
      await expect(widget.locator('#chat-status')).not.toBeEmpty();
      await expectNoAxeViolations(visitor, 'widget open');

      await widget.locator('#customer-name').fill('Carla');
      await widget.locator('#message').fill('My printer settings look odd');
      await widget.locator('#send').click();
      await expect(widget.locator('.entry-customer')).toBeVisible();
      const take = agent.locator('.chat-inbox-item button');
      await expect(take).toBeVisible();
      await expectNoAxeViolations(visitor, 'widget, waiting for an agent');
      await expectNoAxeViolations(agent, 'agent console, a chat waiting in the inbox');

      await take.click();
      const panel = agent.locator('.chat-panel');
      await panel.locator('.chat-input').fill('Hello Carla, let me have a look.');
      await panel.locator('.chat-input').press('Enter');
      await expect(widget.locator('.entry-agent')).toBeVisible();
      await expectNoAxeViolations(agent, 'agent console, conversation with messages');

      await panel.locator('.chat-share-button').click();
      const request = widget.locator('.entry-request');
      await expect(request.locator('.chat-button-primary')).toBeVisible();
      await expectNoAxeViolations(visitor, 'widget, share request');
      await expectNoAxeViolations(agent, 'agent console, share requested in the conversation');

      await request.locator('.chat-button-primary').click();
      const consent = widget.locator('#share-host .card .button-primary');
      await expect(consent).toBeVisible();
      await expectNoAxeViolations(visitor, 'widget, consent step');

      await consent.click();
      await expect(widget.locator('.sharing-bar')).toBeVisible();
      await expect(panel.locator('video')).toBeVisible();
      await expectNoAxeViolations(visitor, 'widget, sharing');

      await panel.locator('.chat-panel-tools .button-quiet').first().click();
      await expect(widget.locator('#ended')).toBeVisible();
      await expect(panel.locator('.chat-composer')).toBeHidden();
      await expectNoAxeViolations(visitor, 'widget, chat ended');
      await expectNoAxeViolations(agent, 'agent console, ended chat');
    } finally {
      await agentContext.close();
      await visitorContext.close();
      await server.stop();
    }
  });
}
