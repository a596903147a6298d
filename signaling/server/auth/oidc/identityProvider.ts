import * as client from 'openid-client';
import type { PendingSignIn } from './pendingSignIns';
import type { ClaimMap, OidcConfig } from './signInConfig';
import { errorMessage } from '../../platform/errorMessage';

/** Why a callback from the identity provider did not sign anyone in (the console says it in words). */
export type CallbackFailure =
  /** No pending sign-in for this browser (none, used, expired), or a state that is not its own. */
  | 'state'
  /** The provider answered with an error, e.g. the person cancelled (access_denied). */
  | 'denied'
  /** The provider refused the code: used before, expired, or not issued for this sign-in. */
  | 'code'
  /** The ID token was expired or not yet valid. */
  | 'expired'
  /** Anything else wrong with the answer (signature, audience, nonce, …). */
  | 'invalid'
  /** The provider could not be reached. */
  | 'unavailable';

export class CallbackError extends Error {
  constructor(
    readonly failure: CallbackFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SignedInAtProvider {
  /** The ID token's claims, completed by userinfo where the provider has it. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** For RP-initiated logout (id_token_hint). */
  readonly idToken: string | undefined;
}

/** A request to the provider that has not answered within this is given up. */
const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * The organisation's OpenID provider through `openid-client`: authorization code flow with PKCE
 * (S256), state and nonce. Discovery happens at start and again whenever it had failed, so a
 * provider that is down at start does not stop the server.
 */
export class IdentityProvider {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    private readonly config: OidcConfig,
    /** PUBLIC_URL + /api/agent/oidc/callback (known once the server listens). */
    private readonly redirectUri: () => string,
    /** PUBLIC_URL + /agent: where the provider sends the browser after signing out there. */
    private readonly afterLogoutUri: () => string,
  ) {}

  get name(): string {
    return this.config.providerName;
  }

  get claims(): ClaimMap {
    return this.config.claims;
  }

  /** Fetches the provider's metadata now; rejects (with the reason) when it cannot. */
  async discover(): Promise<void> {
    await this.configuration();
  }

  /** A fresh state, nonce and PKCE verifier, and the provider's URL that asks for them. */
  async start(): Promise<{ pending: PendingSignIn; url: URL }> {
    const configuration = await this.configuration();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: this.config.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { pending, url };
  }

  /** Checks the callback against the pending sign-in and exchanges the code; throws CallbackError. */
  async finish(callbackQuery: URLSearchParams, pending: PendingSignIn): Promise<SignedInAtProvider> {
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration();
    } catch (error) {
      throw new CallbackError('unavailable', 'the identity provider could not be reached', { cause: error });
    }
    // The exchange must name the same redirect URI as the request; the query is the provider's answer.
    const currentUrl = new URL(this.redirectUri());
    currentUrl.search = callbackQuery.toString();
    try {
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new CallbackError('invalid', 'the identity provider sent no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
        const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...userinfo, ...claims };
      }
      return { claims, idToken: tokens.id_token };
    } catch (error) {
      throw error instanceof CallbackError ? error : classify(error);
    }
  }

  /** The provider's end-session URL for RP-initiated logout; undefined when it has none. */
  async logoutUrl(idToken: string | undefined): Promise<string | undefined> {
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration();
    } catch {
      return undefined;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    const parameters: Record<string, string> = { post_logout_redirect_uri: this.afterLogoutUri(), client_id: this.config.clientId };
    if (idToken) parameters.id_token_hint = idToken;
    return client.buildEndSessionUrl(configuration, parameters).href;
  }

  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const { issuer, clientId, clientSecret } = this.config;
      const insecure = issuer.protocol === 'http:'; // only loopback: checked in signInConfig.ts
      this.discovered = client
        .discovery(
          issuer,
          clientId,
          undefined,
          clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
          { timeout: REQUEST_TIMEOUT_SECONDS, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
        );
      // A failed discovery is tried again by the next sign-in.
      this.discovered.catch(() => {
        this.discovered = undefined;
      });
    }
    return this.discovered;
  }
}

function classify(error: unknown): CallbackError {
  const message = errorMessage(error);
  if (error instanceof client.AuthorizationResponseError) return new CallbackError('denied', `the identity provider answered ${error.error}`, { cause: error });
  if (error instanceof client.ResponseBodyError) return new CallbackError('code', `the identity provider refused the code: ${error.error}`, { cause: error });
  if (error instanceof client.ClientError) {
    if (error.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new CallbackError('expired', `the ID token is not valid now: ${causeOf(error)}`, { cause: error });
    if (/"state"/.test(causeOf(error))) return new CallbackError('state', causeOf(error), { cause: error });
    if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') return new CallbackError('unavailable', message, { cause: error });
    return new CallbackError('invalid', `${message}: ${causeOf(error)}`, { cause: error });
  }
  if (error instanceof TypeError) return new CallbackError('unavailable', message, { cause: error });
  return new CallbackError('invalid', message, { cause: error });
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? error.cause.message : error.message;
}
