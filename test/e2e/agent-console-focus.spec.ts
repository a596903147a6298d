import { expect, test } from './fixtures';

/** What a keyboard or screen-reader user of the console notices after signing in and asking for a key. */
test.describe('agent console for keyboard and screen-reader users', () => {
  test('after sign-in, focus is on "Start screen share"; each new key is announced', async ({ agent }) => {
    const start = agent.page.getByRole('button', { name: 'Start screen share' });
    await expect(start).toBeFocused();

    await agent.page.keyboard.press('Enter');
    const panel = agent.page.getByRole('region', { name: 'Screen share 1', exact: true });
    const key = panel.getByLabel('Security key', { exact: true });
    await expect(key).toHaveText(/^\d{3} \d{3} \d{3}$/);
    const announcer = panel.locator('[aria-live="polite"][aria-atomic="true"]');
    await expect(announcer).toHaveText(`New security key: ${await key.innerText()}`);

    const first = await key.innerText();
    await panel.getByRole('button', { name: 'New key' }).click();
    await expect(key).not.toHaveText(first);
    // Read the new key only once it shows (not a "Creating a security key…" in between).
    await expect(key).toHaveText(/^\d{3} \d{3} \d{3}$/);
    await expect(announcer).toHaveText(`New security key: ${await key.innerText()}`);
  });
});
