import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';

/**
 * The customer page served with the example brand (BRAND_DIR=build/brands/acme): its name, logo
 * and colour, in English and in German. Screenshots are attached to the test for a person to look at.
 */
const acme = JSON.parse(readFileSync(new URL('../../build/brands/acme/brand.json', import.meta.url), 'utf8')) as {
  productName: string;
  organisation: string;
  colors: { primary: string };
  supportUrl: string;
};

/** #0f766e → rgb(15, 118, 110), as getComputedStyle reports it. */
function rgb(hex: string): string {
  const channel = (offset: number) => parseInt(hex.slice(offset, offset + 2), 16);
  return `rgb(${channel(1)}, ${channel(3)}, ${channel(5)})`;
}

/** Kept in the test's output folder (to look at) and attached to the report. */
async function attachScreenshot(page: Page, name: string): Promise<void> {
  const file = test.info().outputPath(name);
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

async function expectBrandedHeader(page: Page): Promise<void> {
  await expect(page.locator('#brand-product')).toHaveText(acme.productName);
  await expect(page.locator('#brand-organisation')).toHaveText(acme.organisation);
  const logo = page.locator('img.brand-mark');
  await expect(logo).toHaveAttribute('src', /\/api\/brand\/logo$/);
  // Loaded and drawn, not a broken image.
  await expect.poll(() => logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
}

test.describe('customer page with the example brand', () => {
  test.use({ serverEnv: { BRAND_DIR: 'build/brands/acme' } });

  test('shows the brand\'s name, logo and colour, and asks in the organisation\'s name', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const page = await (await fakeCustomerContext('customer', { locale: 'en-US' })).newPage();
    await page.goto(server.customerUrl);
    await expectBrandedHeader(page);
    await expect(page).toHaveTitle(acme.productName);
    const continueButton = page.getByRole('button', { name: 'Continue' });
    await expect(continueButton).toHaveCSS('background-color', rgb(acme.colors.primary));
    await expect(page.getByRole('link', { name: `Help and contact: ${acme.organisation}` })).toHaveAttribute('href', acme.supportUrl);
    await attachScreenshot(page, 'acme-key-en.png');

    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const { displayName } = await agent.identity();
    const session = await agent.startScreenShare();
    await page.getByRole('textbox', { name: 'Security key' }).pressSequentially(await session.key());
    await continueButton.click();
    await expect(page.getByText(`${displayName} from ${acme.organisation} wants to see your screen`, { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Share my screen' })).toHaveCSS('background-color', rgb(acme.colors.primary));
    await attachScreenshot(page, 'acme-consent-en.png');
  });

  test('the same page in German', async ({ server, agentContext, fakeCustomerContext }) => {
    const page = await (await fakeCustomerContext('customer-de', { locale: 'de-DE' })).newPage();
    await page.goto(server.customerUrl);
    await expectBrandedHeader(page);
    await expect(page.getByRole('heading', { name: 'Bildschirm mit dem Support teilen' })).toBeVisible();
    const continueButton = page.getByRole('button', { name: 'Weiter' });
    await expect(continueButton).toHaveCSS('background-color', rgb(acme.colors.primary));
    await expect(page.getByRole('link', { name: `Hilfe und Kontakt: ${acme.organisation}` })).toHaveAttribute('href', acme.supportUrl);
    await attachScreenshot(page, 'acme-key-de.png');

    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const { displayName } = await agent.identity();
    const session = await agent.startScreenShare();
    await page.getByRole('textbox', { name: 'Sicherheitsschlüssel' }).pressSequentially(await session.key());
    await continueButton.click();
    await expect(page.getByText(`${displayName} von ${acme.organisation} möchte Ihren Bildschirm sehen`, { exact: true })).toBeVisible();
    await attachScreenshot(page, 'acme-consent-de.png');
  });
});

test.describe('customer page without a brand', () => {
  test('looks neutral: its own icon and blue', async ({ server, fakeCustomerContext }) => {
    const page = await (await fakeCustomerContext('customer', { locale: 'en-US' })).newPage();
    await page.goto(server.customerUrl);
    await expect(page.locator('#brand-product')).toHaveText('Screen Share');
    await expect(page.locator('img.brand-mark')).toHaveAttribute('src', 'customer-icon.svg');
    await expect(page.getByRole('button', { name: 'Continue' })).toHaveCSS('background-color', 'rgb(31, 95, 191)');
    await expect(page.getByRole('link', { name: /Help and contact/ })).toHaveCount(0);
    await attachScreenshot(page, 'neutral-key-en.png');
  });
});
