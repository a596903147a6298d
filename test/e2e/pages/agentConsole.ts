import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { DEMO_AGENT } from '../../support/server';
import { pagePointOfFraction } from './videoProbe';

const KEY_TEXT = /^\d{3} \d{3} \d{3}$/;

/** The agent console as an agent uses it: by labels, roles and the texts on screen. */
export class AgentConsole {
  private constructor(readonly page: Page) {}

  static async signIn(
    context: BrowserContext,
    agentUrl: string,
    account: { username: string; password: string } = DEMO_AGENT,
  ): Promise<AgentConsole> {
    const page = await context.newPage();
    await page.goto(agentUrl);
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Start screen share' })).toBeEnabled();
    return new AgentConsole(page);
  }

  /** A console already signed in on this page (e.g. through the identity provider). */
  static onPage(page: Page): AgentConsole {
    return new AgentConsole(page);
  }

  /** Who the customer will be told is asking, as the server knows the signed-in agent. */
  async identity(): Promise<{ displayName: string; organisation: string }> {
    const response = await this.page.request.get(new URL('/api/agent/me', this.page.url()).href);
    expect(response.status()).toBe(200);
    const me = (await response.json()) as { displayName: string; organisation: string };
    return { displayName: me.displayName, organisation: me.organisation };
  }

  /** Clicks "Start screen share" and returns the new panel once its key shows. */
  async startScreenShare(): Promise<AgentSession> {
    const panels = this.page.getByRole('region', { name: /^Screen share \d+$/ });
    const before = await panels.count();
    await this.page.getByRole('button', { name: 'Start screen share' }).click();
    const panel = this.page.getByRole('region', { name: `Screen share ${before + 1}`, exact: true });
    const session = new AgentSession(panel);
    await expect(session.keyElement).toHaveText(KEY_TEXT);
    await expect(session.status).toHaveText('Waiting for the customer to enter the key');
    return session;
  }
}

/** One "Screen share <n>" panel. */
export class AgentSession {
  readonly keyElement: Locator;
  readonly status: Locator;
  readonly video: Locator;

  constructor(readonly panel: Locator) {
    this.keyElement = panel.getByLabel('Security key', { exact: true });
    this.status = panel.getByRole('status');
    this.video = panel.locator('video[aria-label="Customer screen"]');
  }

  /** The key as shown, grouped in threes: "123 456 789" (waits while it says "Creating a security key…"). */
  async key(): Promise<string> {
    await expect(this.keyElement).toHaveText(KEY_TEXT);
    return (await this.keyElement.innerText()).trim();
  }

  async renewKey(): Promise<void> {
    await this.panel.getByRole('button', { name: 'New key' }).click();
  }

  /** Turns "Point" on and clicks at this fraction of the picture (0..1 across, 0..1 down). */
  async pointAt(x: number, y: number): Promise<void> {
    await this.panel.getByRole('button', { name: 'Point', exact: true }).click();
    const target = await pagePointOfFraction(this.video, x, y);
    await this.panel.page().mouse.click(target.x, target.y);
  }

  async endSession(): Promise<void> {
    await this.panel.getByRole('button', { name: 'End session' }).click();
  }
}
