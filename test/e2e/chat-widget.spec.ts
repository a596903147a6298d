import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { AgentChat } from './pages/chatPages';
import { waitForPicture } from './pages/videoProbe';

/**
 * The widget on a team's own site: one script tag on a page of ANOTHER origin, whose own strict
 * CSP and hostile CSS must not break it. The chat runs in an iframe of /chat, which the server lets
 * this origin (and only CHAT_EMBED_ORIGINS) frame.
 */
let site: Server;
let siteOrigin = '';
let serverOrigin = '';

test.beforeAll(async () => {
  site = createServer((request, response) => {
    const html = `<!doctype html><html><head><title>Acme shop</title>
<style>button, iframe { display: none !important; } * { font-family: serif !important; }</style></head>
<body><h1>Acme shop</h1><p>Welcome.</p>
<script src="${serverOrigin}/widget.js" data-color="#0a7d4f" data-lang="de" data-position="bottom-left"></script>
</body></html>`;
    response.writeHead(request.url === '/' ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src ${serverOrigin}; frame-src ${serverOrigin}; style-src 'unsafe-inline'`,
    });
    response.end(request.url === '/' ? html : '');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

test.describe('chat widget on another site', () => {
  test('one script tag: a German chat button and panel that reach the agent', async ({
    agentContext,
    fakeCustomerContext,
  }) => {
    // The embedding site's origin is only known now: start this test's own server for it.
    const { startServer } = await import('../support/server');
    const server = await startServer({ CHAT_EMBED_ORIGINS: siteOrigin });
    try {
      serverOrigin = server.url;
      const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
      const visitor = await (await fakeCustomerContext()).newPage();
      await visitor.goto(`${siteOrigin}/`);

      const open = visitor.getByRole('button', { name: 'Chat mit uns' });
      await expect(open).toBeVisible();
      await open.click();
      await expect(visitor.getByRole('button', { name: 'Chat schließen' })).toHaveAttribute('aria-expanded', 'true');
      const chat = visitor.frameLocator('iframe[title="Support-Chat"]');
      await expect(chat.getByText('Schreiben Sie Ihre Frage unten. Jemand aus unserem Team antwortet hier.')).toBeVisible();
      // The keyboard: opening moves focus into the chat; Escape closes it and returns to the button.
      const focusedInWidget = () => visitor.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName ?? null);
      await expect.poll(focusedInWidget).toBe('IFRAME');
      await visitor.keyboard.press('Escape');
      await expect(open).toBeFocused();
      await expect(open).toHaveAttribute('aria-expanded', 'false');
      await open.click();
      await expect.poll(focusedInWidget).toBe('IFRAME');
      await chat.getByRole('textbox', { name: 'Ihre Nachricht' }).fill('Hallo aus dem Shop');
      await chat.getByRole('button', { name: 'Senden' }).click();

      const conversation = await AgentChat.take(agent);
      await expect(conversation.line('Hallo aus dem Shop')).toBeVisible();
      await conversation.say('Guten Tag!');
      await expect(chat.getByText('Guten Tag!', { exact: true })).toBeVisible();
      await expect(chat.getByText('Sie chatten mit Alice')).toBeVisible();

      // Sharing works inside the frame (allow="display-capture"): the same consent step, in German.
      await conversation.requestShare.click();
      await chat.getByRole('button', { name: 'Bildschirm teilen', exact: true }).click();
      await expect(chat.getByText('Alice von Support möchte Ihren Bildschirm sehen', { exact: true })).toBeVisible();
      await chat.getByRole('button', { name: 'Meinen Bildschirm teilen' }).click();
      await expect(chat.getByRole('button', { name: 'Teilen beenden' })).toBeVisible();
      await waitForPicture(conversation.session().locator('video[aria-label="Customer screen"]'), 320);
      await expect(chat.getByText('Die Bildschirmfreigabe hat begonnen.')).toBeVisible();
      await visitor.screenshot({ path: test.info().outputPath('widget-sharing.png') });
      await agent.page.screenshot({ path: test.info().outputPath('agent-sharing.png') });
      await chat.getByRole('button', { name: 'Teilen beenden' }).click();
      await expect(chat.getByText('Sie haben die Bildschirmfreigabe beendet.')).toBeVisible();

      const box = await visitor.getByRole('button', { name: 'Chat schließen' }).boundingBox();
      expect(box && box.x < 100, 'data-position="bottom-left" puts the button on the left').toBe(true);
      await visitor.screenshot({ path: test.info().outputPath('widget.png') });
    } finally {
      await server.stop();
    }
  });
});
