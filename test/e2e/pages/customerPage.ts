import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** The customer's web page, used as a customer would: type the key, read, consent, stop. */
export class CustomerPage {
  readonly keyField: Locator;
  readonly continueButton: Locator;
  readonly shareButton: Locator;
  readonly declineButton: Locator;
  readonly stopButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;

  private constructor(readonly page: Page) {
    this.keyField = page.getByRole('textbox', { name: 'Security key' });
    this.continueButton = page.getByRole('button', { name: 'Continue' });
    this.shareButton = page.getByRole('button', { name: 'Share my screen' });
    this.declineButton = page.getByRole('button', { name: 'Decline' });
    this.stopButton = page.getByRole('button', { name: 'Stop sharing' });
    this.pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
    this.resumeButton = page.getByRole('button', { name: 'Resume', exact: true });
  }

  static async open(context: BrowserContext, customerUrl: string): Promise<CustomerPage> {
    return CustomerPage.openIn(await context.newPage(), customerUrl);
  }

  /** The customer page already open in this page (e.g. the desktop app's window). */
  static onPage(page: Page): CustomerPage {
    return new CustomerPage(page);
  }

  /** The customer page in a page prepared by the test (viewport, init scripts). */
  static async openIn(page: Page, customerUrl: string): Promise<CustomerPage> {
    await page.goto(customerUrl);
    const customer = new CustomerPage(page);
    await expect(customer.keyField).toBeEditable();
    return customer;
  }

  /** Types the key key by key, as read aloud (e.g. with spaces), into an emptied field. */
  async typeKey(key: string): Promise<void> {
    await this.keyField.fill('');
    await this.keyField.pressSequentially(key);
  }

  /** Types the key and presses "Continue". */
  async enterKey(key: string): Promise<void> {
    await this.typeKey(key);
    await this.continueButton.click();
  }

  consentQuestion(agent: { displayName: string; organisation: string }): Locator {
    return this.page.getByText(`${agent.displayName} from ${agent.organisation} wants to see your screen`, { exact: true });
  }

  sharingBar(agentName: string): Locator {
    return this.page.getByText(`You are sharing your screen with ${agentName}`, { exact: true });
  }

  message(text: string): Locator {
    return this.page.getByText(text, { exact: true });
  }
}
