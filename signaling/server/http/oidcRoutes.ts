import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AccountDirectory } from '../accounts/accountDirectory';
import type { AuditLog } from '../audit/auditLog';
import type { AgentSessions } from '../auth/agentSessions';
import { mapClaims } from '../auth/oidc/claimMapping';
import type { IdentityAccounts } from '../auth/oidc/identityAccounts';
import { CallbackError, type IdentityProvider } from '../auth/oidc/identityProvider';
import { PENDING_COOKIE, PENDING_LIFETIME_MS, type PendingSignIns } from '../auth/oidc/pendingSignIns';
import type { LoginLimiter } from '../limits/loginLimiter';
import { takePoint } from '../limits/takePoint';
import { addressBucket } from '../network/addressBucket';
import { setAgentCookie } from './agentCookie';

export const OIDC_START_PATH = '/api/agent/oidc/start';
export const OIDC_CALLBACK_PATH = '/api/agent/oidc/callback';
const PENDING_COOKIE_PATH = '/api/agent/oidc';
/** How audit events of these sign-ins say they came (a password sign-in has no `via`). */
const VIA = 'identity provider';

/** What the console says when a sign-in through the provider did not work (?signInError=…). */
export type OidcSignInError = CallbackError['failure'] | 'claims' | 'name-taken' | 'disabled' | 'too-many-attempts';

export interface OidcRouteDeps {
  provider: IdentityProvider;
  issuer: string;
  pending: PendingSignIns;
  identityAccounts: IdentityAccounts;
  /** Every account as the servers know it (a name the demo agent has cannot be taken either). */
  accounts: Pick<AccountDirectory, 'find' | 'stampOf'>;
  /** Reads the accounts again now (a new account signs in at once), revoking what that finds changed. */
  refreshAccounts: () => Promise<void>;
  sessions: AgentSessions;
  limiter: LoginLimiter;
  /** Starts of a sign-in per address (each holds a pending entry for PENDING_LIFETIME_MS). */
  startLimiter: RateLimiterAbstract;
  secureCookies: boolean;
  /** Sign-ins and refused sign-ins are on the record before the browser is sent on. */
  audit: Pick<AuditLog, 'append'>;
}

/**
 * Sign-in through the organisation's OpenID provider: the console's "Sign in with …" link goes to
 * /start, which sends the browser to the provider with a fresh state, nonce and PKCE challenge,
 * kept on the server under a random id that only this browser holds (an HttpOnly cookie, SameSite=Lax
 * so that the provider's redirect back carries it, limited to these two paths). /callback takes
 * that pending sign-in once, lets openid-client check the answer and exchange the code, maps the
 * claims to the account (created at the first sign-in), and signs the console in as a password
 * would. Each callback counts as a sign-in attempt for the address (LOGIN_ATTEMPTS_PER_IP); each
 * one that gets past that limit is audited (agent.signed-in, or agent.sign-in-failed with the reason).
 */
export function registerOidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const backToConsole = (reply: FastifyReply, error?: OidcSignInError) =>
    reply
      .header('Cache-Control', 'no-store')
      .redirect(error ? `/agent?signInError=${error}` : '/agent', 303);

  app.get(OIDC_START_PATH, async (request, reply) => {
    const allowed = await takePoint(deps.startLimiter, addressBucket(request.ip));
    if (allowed !== true) return backToConsole(reply, 'too-many-attempts');
    let started: Awaited<ReturnType<IdentityProvider['start']>>;
    try {
      started = await deps.provider.start();
    } catch (error) {
      request.log.error({ err: error }, 'identity provider unavailable (discovery failed)');
      return backToConsole(reply, 'unavailable');
    }
    const id = await deps.pending.put(started.pending);
    return reply
      .setCookie(PENDING_COOKIE, id, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        path: PENDING_COOKIE_PATH,
        maxAge: Math.floor(PENDING_LIFETIME_MS / 1000),
      })
      .header('Cache-Control', 'no-store')
      .redirect(started.url.href, 303);
  });

  app.get(OIDC_CALLBACK_PATH, async (request, reply) => {
    reply.clearCookie(PENDING_COOKIE, { path: PENDING_COOKIE_PATH });
    const verdict = await deps.limiter.begin(addressBucket(request.ip), undefined);
    if (!verdict.allowed) return backToConsole(reply, 'too-many-attempts');
    const from = { actor: 'agent', address: request.ip, userAgent: request.headers['user-agent'] } as const;
    const refuse = async (reason: OidcSignInError, username?: string) => {
      await deps.audit.append({ type: 'agent.sign-in-failed', ...from, details: { via: VIA, reason, ...(username ? { username } : {}) } });
      return backToConsole(reply, reason);
    };
    let signedIn = false;
    try {
      const pending = await deps.pending.take(request.cookies[PENDING_COOKIE]);
      if (!pending) throw new CallbackError('state', 'no pending sign-in for this browser (none, already used, or expired)');
      const query = new URL(request.url, 'http://callback.invalid').searchParams;
      const answer = await deps.provider.finish(query, pending);
      const mapped = mapClaims(answer.claims, deps.provider.claims);
      if (!mapped.ok) {
        request.log.warn({ problem: mapped.problem }, 'identity provider sign-in refused: claims');
        return await refuse('claims');
      }
      const outcome = await deps.identityAccounts.signIn(deps.issuer, mapped.identity, (name) => deps.accounts.find(name) !== undefined);
      if (!outcome.ok) {
        request.log.warn({ agent: mapped.identity.username, reason: outcome.reason }, 'identity provider sign-in refused');
        return await refuse(outcome.reason, mapped.identity.username);
      }
      const { agent, role } = outcome;
      await deps.refreshAccounts();
      const stamp = deps.accounts.stampOf(agent.username);
      if (stamp === undefined) return await refuse('disabled', agent.username); // disabled or removed meanwhile
      const { token, maxAgeSeconds } = await deps.sessions.create(agent, stamp, answer.idToken);
      signedIn = true;
      await deps.audit.append({ type: 'agent.signed-in', agent: agent.username, ...from, details: { via: VIA } });
      request.log.info({ agent: agent.username, role, created: outcome.created }, 'agent signed in through the identity provider');
      setAgentCookie(reply, token, maxAgeSeconds, deps.secureCookies);
      return backToConsole(reply);
    } catch (error) {
      if (!(error instanceof CallbackError)) throw error;
      request.log.warn({ ip: request.ip, reason: error.failure, detail: error.message }, 'identity provider sign-in refused');
      return await refuse(error.failure);
    } finally {
      await verdict.attempt.settle(signedIn);
    }
  });
}
