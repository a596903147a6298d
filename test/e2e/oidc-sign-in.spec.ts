import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { operatorCommand } from '../support/operatorCommand';
import { copyPGliteTemplate } from '../support/pgliteTemplate';
import { startServer, type RunningServer } from '../support/server';
import { startTestIdentityProvider, type TestIdentityProvider } from '../support/identityProvider';
import { expect, test as base } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * Agents sign in through the organisation's OpenID provider: a real one (oidc-provider) started
 * by the test, and the built server pointed at it with OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET. The provider's own pages (login, consent, sign-out) are driven like a person would.
 */
const JANE = { login: 'jane', claims: { name: 'Jane Doe', preferred_username: 'jane.doe@example.com', roles: ['supervisor'] } };

const test = base.extend<{ idp: TestIdentityProvider; idpServer: RunningServer; idpServerEnv: Record<string, string> }>({
  idpServerEnv: [{}, { option: true }],
  idp: async ({}, use) => {
    const idp = await startTestIdentityProvider([JANE]);
    try {
      await use(idp);
    } finally {
      await idp.stop();
    }
  },
  idpServer: async ({ idp, idpServerEnv }, use, testInfo) => {
    const server = await startServer({ ...idp.env, ...idpServerEnv }, 60_000);
    idp.register(server.url);
    try {
      await use(server);
    } finally {
      await server.stop();
      await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
    }
  },
});

/** On the console's sign-in: "Sign in with Test ID", then the provider's login (and first-time consent). */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.getByRole('link', { name: 'Sign in with Test ID' }).click();
  await loginAtProvider(page, login);
}

/**
 * Clicking "Sign in with Test ID" once more, with the server's answer (a redirect to the provider
 * that carries state, nonce and PKCE challenge, and sets the pending-sign-in cookie) held in the
 * test's hands: `answer` may rewrite where the browser goes next; the cookie reaches the browser as sent.
 */
async function startWithHeldRedirect(page: Page, answer: (authorization: URL) => { location: string } | { body: string }): Promise<URL> {
  let seen: (url: URL) => void = () => undefined;
  const authorization = new Promise<URL>((resolve) => (seen = resolve));
  await page.route('**/api/agent/oidc/start', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const url = new URL(response.headers()['location'] ?? '');
    seen(url);
    const next = answer(url);
    const headers = { ...response.headers() };
    if ('location' in next) await route.fulfill({ response, headers: { ...headers, location: next.location } });
    else {
      delete headers['location'];
      await route.fulfill({ status: 200, headers: { ...headers, 'content-type': 'text/plain' }, body: next.body });
    }
  }, { times: 1 });
  await page.getByRole('link', { name: 'Sign in with Test ID' }).click();
  return authorization;
}

/** At the provider: its login (any password) and, the first time, its consent. */
async function loginAtProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

const signInError = (page: Page) => page.getByRole('alert');

/** Jane signs in at the provider, but the browser went there with another state than the one its pending sign-in holds. */
async function signInWithWrongState(page: Page): Promise<void> {
  await startWithHeldRedirect(page, (authorization) => {
    authorization.searchParams.set('state', 'not-the-state-this-browser-was-given');
    return { location: authorization.href };
  });
  await loginAtProvider(page, 'jane');
  await expect(signInError(page)).toHaveText(/could not be finished/);
}

test.describe('agent sign-in through the identity provider', () => {
  test('signs in with the provider, sees the console under the claimed name, and runs a share', async ({ idp: _idp, idpServer, agentContext, fakeCustomerContext }) => {
    const page = await (await agentContext()).newPage();
    await page.goto(idpServer.agentUrl);
    await expect(page.getByLabel('Username')).toBeVisible(); // local sign-in stays unless switched off
    await signInAtProvider(page, 'jane');

    await expect(page.getByRole('button', { name: 'Start screen share' })).toBeEnabled();
    await expect(page.getByText('Jane Doe', { exact: true })).toBeVisible();
    const me = (await (await page.request.get(`${idpServer.url}/api/agent/me`)).json()) as { username: string; displayName: string };
    expect(me).toMatchObject({ username: 'jane.doe_example.com', displayName: 'Jane Doe' });

    const customer = await CustomerPage.open(await fakeCustomerContext(), idpServer.customerUrl);
    await shareScreen(AgentConsole.onPage(page), customer, 640);
    await expect(customer.sharingBar('Jane Doe')).toBeVisible();
  });

  test('a wrong state is refused and nobody is signed in', async ({ idp: _idp, idpServer, agentContext }) => {
    const page = await (await agentContext()).newPage();
    await page.goto(idpServer.agentUrl);
    await signInWithWrongState(page);
    await expect(page.getByRole('button', { name: 'Start screen share' })).toBeHidden();
    expect((await page.request.get(`${idpServer.url}/api/agent/me`)).status()).toBe(401);
  });

  test('a replayed code is refused, by this server and by the provider', async ({ idp: _idp, idpServer, agentContext }) => {
    const page = await (await agentContext()).newPage();
    await page.goto(idpServer.agentUrl);
    const callback = page.waitForRequest('**/api/agent/oidc/callback?**');
    await signInAtProvider(page, 'jane');
    const answer = new URL((await callback).url());
    await expect(page.getByRole('button', { name: 'Start screen share' })).toBeEnabled();

    // The same answer again, in another browser: its sign-in was used up (and is not this browser's).
    const other = await (await agentContext('agent-other')).newPage();
    await other.goto(answer.href);
    await expect(signInError(other)).toHaveText(/could not be finished/);

    // That browser starts its own sign-in, then presents the old code with its own state: the provider refuses the code.
    const fresh = await startWithHeldRedirect(other, () => ({ body: 'held by the test' }));
    const replay = new URL(answer.href);
    replay.searchParams.set('state', fresh.searchParams.get('state') ?? '');
    await other.goto(replay.href);
    await expect(signInError(other)).toHaveText('Test ID did not confirm the sign-in. Please sign in again.');
    expect((await other.request.get(`${idpServer.url}/api/agent/me`)).status()).toBe(401);
  });

  test('an expired ID token is refused', async ({ idp, idpServer, agentContext }) => {
    idp.issueExpiredIdTokens();
    const page = await (await agentContext()).newPage();
    await page.goto(idpServer.agentUrl);
    await signInAtProvider(page, 'jane');
    await expect(signInError(page)).toHaveText(/The answer from Test ID has expired/);
    expect((await page.request.get(`${idpServer.url}/api/agent/me`)).status()).toBe(401);
  });

  test('signing out ends the sign-in here and at the provider', async ({ idp: _idp, idpServer, agentContext }) => {
    const page = await (await agentContext()).newPage();
    await page.goto(idpServer.agentUrl);
    await signInAtProvider(page, 'jane');
    await expect(page.getByRole('button', { name: 'Start screen share' })).toBeEnabled();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in with Test ID' })).toBeVisible();
    expect((await page.request.get(`${idpServer.url}/api/agent/me`)).status()).toBe(401);

    // The provider forgot the person too: it asks to sign in again instead of answering at once.
    await page.getByRole('link', { name: 'Sign in with Test ID' }).click();
    await expect(page.locator('input[name="login"]')).toBeVisible();
  });

  test('sign-ins through the provider are on the audit trail, refused ones with their reason', async ({ idp, agentContext }) => {
    // A database folder of the test's own, so that the operator can make an API token beside the running server.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'screenshare-oidc-audit-'));
    const databaseDir = path.join(dataDir, 'database');
    await copyPGliteTemplate(databaseDir);
    const server = await startServer({ ...idp.env, DATABASE_DIR: databaseDir }, 60_000);
    idp.register(server.url);
    try {
      const page = await (await agentContext()).newPage();
      await page.goto(server.agentUrl);
      await signInWithWrongState(page);
      // The provider remembers Jane now: the next click comes straight back signed in.
      await page.getByRole('link', { name: 'Sign in with Test ID' }).click();
      await expect(page.getByRole('button', { name: 'Start screen share' })).toBeEnabled();

      const token = await operatorCommand('tokens', ['create', '--name', 'auditor', '--scopes', 'audit:read'], { DATABASE_DIR: databaseDir });
      const events = async (type: string) => {
        const answer = await page.request.get(`${server.url}/api/v1/audit-events?type=${type}`, { headers: { authorization: `Bearer ${token}` } });
        expect(answer.status()).toBe(200);
        return ((await answer.json()) as { events: { agent: string | null; actor: string | null; details: Record<string, unknown> }[] }).events;
      };
      expect(await events('agent.sign-in-failed')).toEqual([
        expect.objectContaining({ agent: null, actor: 'agent', details: { via: 'identity provider', reason: 'state' } }),
      ]);
      expect(await events('agent.signed-in')).toEqual([
        expect.objectContaining({ agent: 'jane.doe_example.com', actor: 'agent', details: { via: 'identity provider' } }),
      ]);
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test.describe('with LOCAL_SIGN_IN=false', () => {
    test.use({ idpServerEnv: { LOCAL_SIGN_IN: 'false' } });

    test('the console offers only the provider, and passwords are refused', async ({ idp: _idp, idpServer, agentContext }) => {
      const page = await (await agentContext()).newPage();
      await page.goto(idpServer.agentUrl);
      await expect(page.getByRole('link', { name: 'Sign in with Test ID' })).toBeVisible();
      await expect(page.getByLabel('Password')).toBeHidden();
      const refused = await page.request.post(`${idpServer.url}/api/agent/login`, {
        data: { username: 'alice', password: 'secret' },
        headers: { origin: idpServer.url },
      });
      expect(refused.status()).toBe(403);
    });
  });
});
