import Provider, { type Configuration } from 'oidc-provider';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/** A person the test provider knows: signs in with any password, under this login. */
export interface TestPerson {
  readonly login: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * A real OpenID provider (the `oidc-provider` package, its development login and consent pages)
 * on 127.0.0.1, port 0, in the test's own process. Start it before the screen-share server (which
 * needs OIDC_ISSUER), then `register` the server's address as the client's redirect target.
 */
export interface TestIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The variables that point a screen-share server at this provider. */
  readonly env: Record<string, string>;
  register(serverUrl: string): void;
  /**
   * From now on, ID tokens are issued as if it were an hour earlier: they have expired when they
   * arrive (the provider's clock, not the server's, is set back, only while it answers the token request).
   */
  issueExpiredIdTokens(): void;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

export async function startTestIdentityProvider(people: readonly TestPerson[]): Promise<TestIdentityProvider> {
  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = createServer((request, response) => {
    if (handler) handler(request, response);
    else response.writeHead(503).end('not registered yet');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'screenshare';
  const clientSecret = randomBytes(24).toString('base64url');
  let expiredTokens = false;

  const byLogin = new Map(people.map((person) => [person.login, person]));
  const configuration = (serverUrl: string): Configuration => ({
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${serverUrl}/api/agent/oidc/callback`],
        post_logout_redirect_uris: [`${serverUrl}/agent`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles'], email: ['email'] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx, id) => {
      const person = byLogin.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...person.claims }) };
    },
  });

  return {
    issuer,
    clientId,
    clientSecret,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_PROVIDER_NAME: 'Test ID' },
    register(serverUrl) {
      const provider = new Provider(issuer, configuration(serverUrl));
      provider.use(async (ctx, next) => {
        if (!expiredTokens || ctx.path !== '/token') {
          await next();
          return;
        }
        const realNow = Date.now;
        Date.now = () => realNow() - HOUR_MS;
        try {
          await next();
        } finally {
          Date.now = realNow;
        }
      });
      handler = provider.callback();
    },
    issueExpiredIdTokens() {
      expiredTokens = true;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
