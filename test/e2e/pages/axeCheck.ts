import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_AGENT } from '../../support/server';

/**
 * axe-core over the whole page (its frames included), listing each violation with the elements
 * it found. The pages send a strict CSP: their contexts need `bypassCSP: true` for axe's script.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(found, `axe violations on ${state}`).toEqual([]);
}

/** Signs the demo agent in without relying on the console's language (for tests run in each locale). */
export async function signInAnyLanguage(agent: Page, agentUrl: string): Promise<void> {
  await agent.goto(agentUrl);
  await agent.locator('input[autocomplete="username"]').fill(DEMO_AGENT.username);
  await agent.locator('#password').fill(DEMO_AGENT.password);
  await agent.locator('#password').press('Enter');
  await expect(agent.locator('.button-start')).toBeEnabled();
}

/**
 * Language-neutral voice flow up to the consent step: the signed-in agent starts a share, the
 * customer page opens in `customer` and takes the key. Returns the consent step's share button.
 */
export async function keyToConsentAnyLanguage(agent: Page, customer: Page, customerUrl: string): Promise<Locator> {
  await agent.locator('.button-start').click();
  const key = agent.locator('.key');
  await expect(key).toHaveText(/^\d{3} \d{3} \d{3}$/);
  await customer.goto(customerUrl);
  await customer.locator('.key-input').fill((await key.textContent()) ?? '');
  await customer.locator('.key-input').press('Enter');
  await expect(customer.locator('.card .request')).toBeVisible();
  return customer.locator('.card .button-primary');
}
