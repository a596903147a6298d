import type { Locator, Page } from '@playwright/test';
import { startEmbeddingSite, type EmbeddingSite } from '../support/embeddingSite';
import { startServer, type RunningServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { AgentChat } from './pages/chatPages';

/**
 * The consent step inside the chat widget, at the widget's default size on a desktop site and on
 * a 390 px wide phone: "Share my screen" and "Decline" are in view without scrolling anything.
 */
let site: EmbeddingSite;
let server: RunningServer | undefined;

test.beforeAll(async () => {
  site = await startEmbeddingSite(
    () => `<!doctype html><html lang="en"><head><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Acme shop</h1><p>Welcome.</p>
<script src="${server?.url ?? ''}/widget.js" data-lang="en"></script>
</body></html>`,
  );
});

test.afterAll(() => site.close());

/** Whether a person sees the whole element without scrolling: each edge is on screen and not covered or clipped. */
function fullyInView(element: Locator): Promise<boolean> {
  return element.evaluate((target) => {
    const rect = target.getBoundingClientRect();
    // The middle of each edge (corners are rounded, and Chromium hit-tests the rounding).
    const inset = 3;
    const midX = (rect.left + rect.right) / 2;
    const midY = (rect.top + rect.bottom) / 2;
    const corners = [
      [midX, rect.top + inset],
      [midX, rect.bottom - inset],
      [rect.left + inset, midY],
      [rect.right - inset, midY],
    ] as const;
    return corners.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === target || target.contains(hit));
    });
  });
}

async function consentInWidget(visitor: Page, agent: AgentConsole, customerName: string): Promise<void> {
  await visitor.goto(`${site.origin}/`);
  await visitor.getByRole('button', { name: 'Chat with us' }).click();
  const frameElement = visitor.locator('iframe[title="Support chat"]');
  const chat = visitor.frameLocator('iframe[title="Support chat"]');
  await chat.getByRole('textbox', { name: 'Your name (optional)' }).fill(customerName);
  await chat.getByRole('textbox', { name: 'Your message' }).fill('My printer settings look odd');
  await chat.getByRole('button', { name: 'Send' }).click();
  const conversation = await AgentChat.take(agent, customerName);
  await conversation.requestShare.click();
  await chat.getByRole('button', { name: 'Share screen', exact: true }).click();
  const share = chat.getByRole('button', { name: 'Share my screen' });
  const decline = chat.getByRole('button', { name: 'Decline' });
  await expect(share).toBeVisible();
  await visitor.screenshot({ path: test.info().outputPath(`widget-consent-${visitor.viewportSize()?.width ?? 0}.png`) });
  await expect.poll(() => fullyInView(share), { message: '"Share my screen" is in view without scrolling' }).toBe(true);
  await expect.poll(() => fullyInView(decline), { message: '"Decline" is in view without scrolling' }).toBe(true);
  // …and the widget's frame itself shows all of its page (elementFromPoint sees only the frame's own viewport).
  const frameBox = await frameElement.boundingBox();
  const viewport = visitor.viewportSize();
  expect(frameBox && viewport && frameBox.y >= 0 && frameBox.y + frameBox.height <= viewport.height, 'the widget panel fits the window').toBe(true);
  // At most one area scrolls inside the widget (no scroll areas nested in scroll areas).
  const scrollers = await chat.locator('body').evaluate(() =>
    [document.scrollingElement, ...document.querySelectorAll('body *')]
      .filter((element): element is Element => element !== null)
      .filter((element) => {
        const overflow = element === document.scrollingElement ? 'auto' : getComputedStyle(element).overflowY;
        return (overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight + 1;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );
  expect(scrollers.length, `scrolling areas in the widget: ${scrollers.join(', ')}`).toBeLessThanOrEqual(1);
}

test.describe('the consent step in the chat widget', () => {
  test('is fully visible at the default size and at 390 px wide', async ({ agentContext, fakeCustomerContext }) => {
    server = await startServer({ CHAT_EMBED_ORIGINS: site.origin });
    try {
      const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const visitor = await (await fakeCustomerContext(`visitor-${viewport.width}`)).newPage();
        await visitor.setViewportSize(viewport);
        await consentInWidget(visitor, agent, `Visitor ${viewport.width}`);
      }
    } finally {
      await server.stop();
      server = undefined;
    }
  });
});
