import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AccountDirectory, AgentAccount } from '../accounts/accountDirectory';
import type { AuditLog } from '../audit/auditLog';
import type { AccessRevocation } from '../auth/accessRevocation';
import { AGENT_COOKIE, type AgentSessions } from '../auth/agentSessions';
import type { SignInCheck } from '../auth/signInCheck';
import type { LoginLimiter } from '../limits/loginLimiter';
import type { ClientWarnings } from '../clientWarnings';
import { addressBucket } from '../network/addressBucket';
import type { IdentityProvider } from '../auth/oidc/identityProvider';
import { setAgentCookie } from './agentCookie';
import { OIDC_START_PATH } from './oidcRoutes';
import { signInErrorHandler, signInGuard } from './signInGuard';

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

export interface AgentAuthDeps {
  accounts: AccountDirectory;
  sessions: AgentSessions;
  /** Whether a cookie's sign-in still holds (auth/signInCheck.ts). */
  signedIn: SignInCheck;
  /** Sign-out closes the sockets that sign-in opened, on every node. */
  revocation: AccessRevocation;
  limiter: LoginLimiter;
  organisation: string;
  secureCookies: boolean;
  /** Pages that may post a sign-in (those that may open agent sockets), besides the server's own. */
  allowedOrigins: ReadonlySet<string>;
  tls: boolean;
  warnings: ClientWarnings;
  /** Sign-ins, sign-outs and failed sign-ins are on the record before they are answered. */
  audit: Pick<AuditLog, 'append'>;
  /** Usernames and passwords may sign in (LOCAL_SIGN_IN). */
  localSignIn: boolean;
  /** The organisation's identity provider (OIDC_ISSUER), when configured. */
  identityProvider: IdentityProvider | undefined;
}

/** Sign-in for agents: an HttpOnly, SameSite=Strict cookie that also authenticates the WebSocket. */
export function registerAgentAuthRoutes(app: FastifyInstance, deps: AgentAuthDeps): void {
  const identity = (agent: { username: string; displayName: string }) => ({
    username: agent.username,
    displayName: agent.displayName,
    organisation: deps.organisation,
  });

  const errorHandler = signInErrorHandler(deps.warnings);
  const guard = signInGuard(deps.allowedOrigins, deps.tls, LoginBody, deps.warnings);

  // How the console offers to sign in: the form, the provider's button, or both.
  app.get('/api/agent/sign-in-options', async (_request, reply) => {
    const provider = deps.identityProvider;
    return reply.header('Cache-Control', 'no-store').send({
      localSignIn: deps.localSignIn,
      identityProvider: provider ? { name: provider.name, startUrl: OIDC_START_PATH } : null,
    });
  });

  app.post('/api/agent/login', { errorHandler, ...guard }, async (request, reply) => {
    if (!deps.localSignIn) {
      return reply.code(403).send({ code: 'local-sign-in-off', message: 'Sign in through your organisation\'s account.' });
    }
    const body = LoginBody.safeParse(request.body);
    const verdict = await deps.limiter.begin(addressBucket(request.ip), body.success ? body.data.username : undefined);
    if (!verdict.allowed) {
      return reply.code(429).send({
        code: 'too-many-attempts',
        message: 'Too many failed sign-ins. Please wait and try again.',
        retryAfterMs: verdict.retryAfterMs,
      });
    }
    let agent: AgentAccount | null = null;
    try {
      agent = body.success ? await deps.accounts.authenticate(body.data.username, body.data.password) : null;
    } finally {
      await verdict.attempt.settle(agent !== null);
    }
    const from = { address: request.ip, userAgent: request.headers['user-agent'] };
    if (!agent) {
      // The name tried is kept (it may be a typo of a real one), never the password.
      const tried = body.success ? body.data.username.slice(0, 64) : undefined;
      await deps.audit.append({ type: 'agent.sign-in-failed', actor: 'agent', ...from, details: tried ? { username: tried } : {} });
      request.log.warn({ ip: request.ip }, 'agent sign-in failed');
      return reply.code(401).send({ code: 'invalid-credentials', message: 'Wrong username or password.' });
    }
    const { token, maxAgeSeconds } = await deps.sessions.create(agent, deps.accounts.stampOf(agent.username) ?? '');
    await deps.audit.append({ type: 'agent.signed-in', agent: agent.username, actor: 'agent', ...from });
    request.log.info({ agent: agent.username }, 'agent signed in');
    return setAgentCookie(reply, token, maxAgeSeconds, deps.secureCookies).send(identity(agent));
  });

  app.post('/api/agent/logout', { errorHandler }, async (request, reply) => {
    const token = request.cookies[AGENT_COOKIE];
    const signIn = await deps.sessions.find(token);
    await deps.sessions.destroy(token);
    if (signIn) {
      await deps.audit.append({ type: 'agent.signed-out', agent: signIn.agent.username, actor: 'agent', address: request.ip, userAgent: request.headers['user-agent'] });
      await deps.revocation.revokeSignIn(signIn.agent.username, signIn.id, 'signed-out');
    }
    reply.clearCookie(AGENT_COOKIE, { path: '/' });
    // Signed in through the provider: the console goes on to sign out there too (RP-initiated logout).
    const endSessionUrl = signIn?.idToken !== undefined ? await deps.identityProvider?.logoutUrl(signIn.idToken) : undefined;
    return endSessionUrl ? reply.send({ endSessionUrl }) : reply.code(204).send();
  });

  app.get('/api/agent/me', { errorHandler }, async (request, reply) => {
    const agent = (await deps.signedIn(request.cookies[AGENT_COOKIE]))?.agent;
    if (!agent) return reply.code(401).send({ code: 'unauthenticated', message: 'Please sign in.' });
    return identity(agent);
  });
}
