import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { AgentConsole } from './agentConsole';

/** The customer's chat page (/chat), used as a customer would. */
export class CustomerChat {
  readonly message: Locator;
  readonly send: Locator;
  readonly transcript: Locator;
  readonly status: Locator;

  private constructor(readonly page: Page) {
    this.message = page.getByRole('textbox', { name: 'Your message' });
    this.send = page.getByRole('button', { name: 'Send' });
    this.transcript = page.getByRole('list', { name: 'Conversation' });
    this.status = page.locator('#chat-status');
  }

  static async open(context: BrowserContext, serverUrl: string): Promise<CustomerChat> {
    const page = await context.newPage();
    await page.goto(`${serverUrl}/chat`);
    const chat = new CustomerChat(page);
    await expect(chat.status).toHaveText('Write your question below. Someone from our team will answer here.');
    return chat;
  }

  async say(text: string): Promise<void> {
    await this.message.fill(text);
    await this.send.click();
  }

  line(text: string): Locator {
    return this.transcript.getByText(text, { exact: true });
  }

  /** The newest screen-share request in the chat. */
  request(agentName: string): Locator {
    return this.transcript.locator('li', { hasText: `${agentName} would like to see your screen.` }).last();
  }
}

/** A conversation panel in the agent console ("Chat with <name>"). */
export class AgentChat {
  readonly message: Locator;
  readonly requestShare: Locator;
  readonly typing: Locator;

  constructor(readonly panel: Locator) {
    this.message = panel.getByRole('textbox', { name: /^Reply to / });
    this.requestShare = panel.getByRole('button', { name: 'Request screen share' });
    this.typing = panel.locator('.chat-typing');
  }

  static async take(agent: AgentConsole, customerName = 'Customer'): Promise<AgentChat> {
    const take = agent.page.getByRole('button', { name: `Take the chat with ${customerName}` }).first();
    await take.click();
    const panel = agent.page.getByRole('region', { name: `Chat with ${customerName}` }).last();
    await expect(panel).toBeVisible();
    return new AgentChat(panel);
  }

  async say(text: string): Promise<void> {
    await this.message.fill(text);
    await this.message.press('Enter');
  }

  line(text: string): Locator {
    return this.panel.getByText(text, { exact: true });
  }

  /** The "Screen share <n>" panel inside this conversation. */
  session(): Locator {
    return this.panel.getByRole('region', { name: /^Screen share \d+$/ });
  }
}
