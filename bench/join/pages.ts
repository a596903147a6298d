import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The agent console and the customer page, driven by their labels as a person would. */
const POLL_MS = 10;

export async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = ((await locator.textContent().catch(() => null)) ?? '').trim();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${pattern}, last saw "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export class AgentConsolePage {
  private constructor(readonly page: Page) {}

  static async signIn(context: BrowserContext, agentUrl: string, account: { username: string; password: string }): Promise<AgentConsolePage> {
    const page = await context.newPage();
    await page.goto(agentUrl);
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const start = page.getByRole('button', { name: 'Start screen share' });
    await start.waitFor();
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Start screen share');
      return button !== undefined && !button.disabled;
    });
    return new AgentConsolePage(page);
  }

  /** Starts a share; returns its panel and the key (digits only). */
  async startScreenShare(): Promise<{ panel: Locator; key: string }> {
    const panels = this.page.getByRole('region', { name: /^Screen share \d+$/ });
    const before = await panels.count();
    await this.page.getByRole('button', { name: 'Start screen share' }).click();
    const panel = this.page.getByRole('region', { name: `Screen share ${before + 1}`, exact: true });
    const key = await waitForText(panel.getByLabel('Security key', { exact: true }), /^\d{3} \d{3} \d{3}$/);
    return { panel, key: key.replace(/\s/g, '') };
  }

  async endSession(panel: Locator): Promise<void> {
    await panel.getByRole('button', { name: 'End session' }).click();
  }
}

export class CustomerWebPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, customerUrl: string): Promise<CustomerWebPage> {
    const page = await context.newPage();
    await page.goto(customerUrl);
    await page.getByRole('textbox', { name: 'Security key' }).waitFor();
    return new CustomerWebPage(page);
  }

  /**
   * Types the key as a person does, in the part that matters here: the page connects at the first
   * digit, and a person takes seconds for the other eight, far longer than the server's welcome
   * (15–40 ms on loopback). So: the first digit, the welcome, then the whole key.
   */
  async typeKey(key: string): Promise<void> {
    const box = this.page.getByRole('textbox', { name: 'Security key' });
    await box.fill(key.slice(0, 1));
    await this.page.waitForFunction(() => window.__bench.events.some((event) => event.kind === 'ws-in' && event.what === 'welcome'), undefined, {
      timeout: 30_000,
      polling: 20,
    });
    await box.fill(key);
  }

  async pressContinue(): Promise<void> {
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  /** Clicks "Share my screen" as soon as the consent question shows it. */
  async consent(): Promise<void> {
    await this.page.getByRole('button', { name: 'Share my screen' }).click({ timeout: 30_000 });
  }
}
