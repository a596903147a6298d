import { formatKey, keyFromPayload, normalizeKey } from '../../signaling/protocol/securityKey';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * The voice flow with Chromium's synthetic screen (--use-fake-device-for-media-stream): fast, both
 * browsers headless. Covers the paths around the happy one.
 */

/** The same key with one digit changed, as a customer might mishear it. */
function withOneDigitWrong(key: string): string {
  const digits = normalizeKey(key).split('');
  digits[4] = String((Number(digits[4]) + 1) % 10);
  return formatKey(digits.join(''));
}

/** A well-formed key (its check digit is right) that the server did not issue. */
function anotherValidKey(key: string): string {
  const payload = normalizeKey(key).slice(0, 8);
  return formatKey(keyFromPayload(String((Number(payload[0]) + 1) % 10) + payload.slice(1)));
}

test.describe('voice key share with the fake screen', () => {
  test('the customer declines: nobody sees anything and both are told', async ({ agent, agentIdentity: identity, customer }) => {
    const session = await agent.startScreenShare();

    await customer.enterKey(await session.key());
    await expect(customer.consentQuestion(identity)).toBeVisible();
    await customer.declineButton.click();

    await expect(customer.message('You declined. Your screen was not shared.')).toBeVisible();
    await expect(session.status).toHaveText('The customer declined');
    await expect(session.video).toBeHidden();
  });

  test('a typo is caught on the page and does not use up the key', async ({ agent, agentIdentity: identity, customer }) => {
    const session = await agent.startScreenShare();
    const key = await session.key();

    // Typed without spaces, the field groups the digits in threes as the agent reads them.
    await customer.typeKey(normalizeKey(key));
    await expect(customer.keyField).toHaveValue(key);
    await customer.enterKey(withOneDigitWrong(key));
    await expect(customer.message('This key has a typo')).toBeVisible();
    await expect(session.status).toHaveText('Waiting for the customer to enter the key');

    await customer.enterKey(key);
    await expect(customer.consentQuestion(identity)).toBeVisible();
    await expect(session.status).toHaveText('The customer entered the key');
  });

  test('a wrong key is refused by the server with a clear message', async ({ agent, agentIdentity: identity, customer }) => {
    const session = await agent.startScreenShare();
    const key = await session.key();

    await customer.enterKey(anotherValidKey(key));
    await expect(customer.message('This key is not correct.')).toBeVisible();
    await expect(customer.consentQuestion(identity)).toBeHidden();
    await expect(session.status).toHaveText('Waiting for the customer to enter the key');

    await customer.enterKey(key.replace(/ /g, '-'));
    await expect(customer.consentQuestion(identity)).toBeVisible();
  });

  test('one agent runs two screen shares at once and ends one of them', async ({ server, agentContext, fakeCustomerContext }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const first = await CustomerPage.open(await fakeCustomerContext('customer-1'), server.customerUrl);
    const second = await CustomerPage.open(await fakeCustomerContext('customer-2'), server.customerUrl);

    const one = await shareScreen(agent, first, 640);
    const two = await shareScreen(agent, second, 640);
    console.log(
      `fake screen: ${two.picture.width}x${two.picture.height}; Continue → first frame ${one.continueToFirstFrameMs} ms / ${two.continueToFirstFrameMs} ms`,
    );
    await expect(one.session.status).toHaveText("Sharing: you can see the customer's screen");
    await expect(one.session.video).toBeVisible();
    await expect(two.session.video).toBeVisible();

    await one.session.endSession();
    await expect(one.session.status).toHaveText('Ended by you');
    await expect(first.message(`${one.agentName} ended the screen share.`)).toBeVisible();

    await expect(two.session.status).toHaveText("Sharing: you can see the customer's screen");
    await expect(second.sharingBar(two.agentName)).toBeVisible();
    await expect(two.session.video).toBeVisible();
  });

  test('a customer whose browser speaks German is asked in German and can switch to English', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const { displayName, organisation } = await agent.identity();
    const session = await agent.startScreenShare();
    const page = await (await fakeCustomerContext('customer-de', { locale: 'de-DE' })).newPage();
    await page.goto(server.customerUrl);

    await page.getByRole('textbox', { name: 'Sicherheitsschlüssel' }).pressSequentially(await session.key());
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByText(`${displayName} von ${organisation} möchte Ihren Bildschirm sehen`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Meinen Bildschirm teilen' }).click();
    await expect(page.getByText(`Sie teilen Ihren Bildschirm mit ${displayName}`, { exact: true })).toBeVisible();
    await expect(session.status).toHaveText("Sharing: you can see the customer's screen");

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByText(`You are sharing your screen with ${displayName}`, { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
  });

  test.describe('with keys that expire after 5 seconds', () => {
    test.use({ serverEnv: { KEY_TTL_SECONDS: '5' } });

    test('an expired key is refused; "New key" gives one that works', async ({ server, agentContext, fakeCustomerContext }) => {
      const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
      const identity = await agent.identity();
      const session = await agent.startScreenShare();
      const oldKey = await session.key();

      await expect(session.status).toHaveText('The key expired. Create a new key to continue.', { timeout: 10_000 });
      const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
      await customer.enterKey(oldKey);
      await expect(customer.message('This key has expired.')).toBeVisible();

      await session.renewKey();
      await expect(session.status).toHaveText('Waiting for the customer to enter the key');
      await expect(session.keyElement).not.toHaveText(oldKey);
      const newKey = await session.key();
      expect(newKey).not.toBe(oldKey);
      await customer.enterKey(newKey);
      await expect(customer.consentQuestion(identity)).toBeVisible();
    });
  });
});
