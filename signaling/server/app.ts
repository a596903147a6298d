import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { startAccounts } from './accounts/accountsAtStart';
import { demoAgentNews, type DemoAgentNews } from './accounts/demoAgentReminder';
import type { AccountChange } from './accounts/accountDirectory';
import { createAgentAuth } from './auth/agentAuth';
import { AccessRevocation } from './auth/accessRevocation';
import { AGENT_COOKIE } from './auth/agentSessions';
import { signInCheck } from './auth/signInCheck';
import { createSharedState } from './cluster/sharedState';
import { openDatabase, type Database } from './db/openDatabase';
import type { AuditLog } from './audit/auditLog';
import { createAuditServices } from './audit/auditServices';
import { requireSharedDatabase } from './db/requireSharedDatabase';
import type { Config } from './config';
import { registerApi } from './api/apiRoutes';
import { ApiTokens } from './api/tokens/apiTokens';
import { recordApiUse } from './api/recordApiUse';
import { registerAgentAuthRoutes } from './http/agentAuthRoutes';
import { registerHistoryRoutes } from './history/historyRoutes';
import { IdentityAccounts } from './auth/oidc/identityAccounts';
import { IdentityProvider } from './auth/oidc/identityProvider';
import { OIDC_CALLBACK_PATH, registerOidcRoutes } from './http/oidcRoutes';
import { PENDING_LIFETIME_MS } from './auth/oidc/pendingSignIns';
import { DELIVERY_DEFAULTS, WebhookDeliveryWorker } from './webhooks/deliveryWorker';
import { webhookOutbox } from './webhooks/webhookOutbox';
import { registerHealthRoutes } from './monitoring/healthRoutes';
import { startMonitoringServer, type MonitoringServer } from './monitoring/monitoringServer';
import { registerPageRoutes } from './http/pageRoutes';
import { registerPublicRoutes } from './http/publicRoutes';
import { registerSecurityHeaders } from './http/securityHeaders';
import { KeyExpiryTimers } from './keys/keyExpiryTimers';
import { createLogger, type Logger } from './log';
import { ClientWarnings } from './clientWarnings';
import { capConnectionsPerAddress } from './network/connectionCap';
import { AgentKeyLimiter } from './limits/agentKeyLimiter';
import { createMetrics } from './metrics';
import type { SessionStore } from './store/sessionStore';
import { createChatServices } from './chat/createChatServices';
import { withChatShareEvents } from './chat/shareEvents';
import { registerChatPageRoutes } from './chat/chatPageRoutes';
import { ConnectionRegistry } from './ws/connectionRegistry';
import { SignalingSocketServer } from './ws/signalingSocketServer';

export interface SignalingServer {
  /** Where people reach it: PUBLIC_URL, or http(s)://localhost:<port> */
  readonly url: string;
  readonly port: number;
  readonly log: Logger;
  /** Where sessions and keys live: this process, or Redis shared with other nodes. */
  readonly store: 'in-memory' | 'redis';
  /** The system of record (accounts, audit trail). */
  readonly database: Database;
  /** The monitoring port's address (METRICS_PORT), when one is configured. */
  readonly monitoringUrl: string | undefined;
  /** Ends an agent's access on every node (call it when an account is disabled, removed or its password changes). */
  readonly accessRevocation: AccessRevocation;
  /** The demo agent made at start for an empty development database (password shown once), or one kept from an earlier start. */
  readonly demoAgent: DemoAgentNews;
  close(): Promise<void>;
}

export interface ServerOptions {
  logger?: Logger;
  store?: SessionStore;
  /** An open database to use (and leave open on close); default: open the configured one. */
  database?: Database;
  /** The audit log the handlers append to; default: the database's. Only the audit on/off benchmark replaces it. */
  auditLog?: AuditLog;
}

const defaultWebRoot = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');

/** Builds and starts the whole server: HTTP pages and API, and the signaling WebSocket. */
export async function createSignalingServer(config: Config, options: ServerOptions = {}): Promise<SignalingServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const warnings = new ClientWarnings(log);
  const tls = config.tls !== undefined;
  // Slow clients are cut off: headers and the whole request (a slowly sent body) each have a
  // deadline, checked every second (Node's default check runs only every 30 s).
  const timeouts = {
    headersTimeout: Math.min(config.http.headersTimeoutMs, config.http.requestTimeoutMs),
    requestTimeout: config.http.requestTimeoutMs,
    connectionsCheckingInterval: 1_000,
  };
  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 16 * 1024,
    // Request URLs may carry a key (?key=… from a chat link): never log them.
    logController: new LogController({ disableRequestLogging: true }),
    requestTimeout: config.http.requestTimeoutMs,
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key, ...timeouts } } : { http: timeouts }),
  });
  capConnectionsPerAddress(app.server, { max: config.http.maxConnectionsPerAddress, trust: config.trustProxy, tls, warnings });
  const database = options.database ?? (await openDatabase(requireSharedDatabase(config), 'server'));
  const shared = await createSharedState(config, log, options.store);
  const store = shared.store;
  const webhooks = new WebhookDeliveryWorker(database.db, {
    ...DELIVERY_DEFAULTS,
    allowPrivate: config.integrations.webhookAllowPrivate,
    timeoutMs: config.integrations.webhookTimeoutMs,
    retryBaseMs: config.integrations.webhookRetryBaseMs,
    log,
  });
  const audit = createAuditServices(config, database, shared.nodeId, store, log, webhookOutbox(webhooks));
  const { directory: accounts, createdAgent } = await startAccounts(config, database, audit.log, log);
  const demoAgent = demoAgentNews(config, accounts, createdAgent);
  const agentAuth = await createAgentAuth(config, log, shared.nodeId);
  const revocation = new AccessRevocation(agentAuth.sessions, shared.revocations, log);
  const identityAccounts = new IdentityAccounts(database.db, audit.log);
  const revokeChanged = (changes: readonly AccountChange[]) => {
    for (const { username, reason } of changes) {
      revocation.revoke(username, reason).catch((error: unknown) => log.error({ err: error, agent: username }, 'could not revoke access'));
    }
  };
  const signedIn = signInCheck(agentAuth.sessions, accounts, config.signIn.localSignIn);
  const keyTimers = new KeyExpiryTimers();
  const registry = new ConnectionRegistry();
  const metrics = createMetrics(() => registry.all());

  const allowedOrigins = new Set(config.allowedOrigins);
  if (config.publicUrl) allowedOrigins.add(new URL(config.publicUrl).origin);
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, tls);
  let baseUrl = config.publicUrl ?? '';
  const oidc = config.signIn.oidc;
  const identityProvider = oidc
    ? new IdentityProvider(oidc, () => `${baseUrl}${OIDC_CALLBACK_PATH}`, () => `${baseUrl}/agent`)
    : undefined;
  const secureCookies = tls || (config.publicUrl?.startsWith('https:') ?? false);
  if (oidc && identityProvider) {
    registerOidcRoutes(app, {
      provider: identityProvider,
      issuer: oidc.issuer.href,
      pending: agentAuth.pendingSignIns,
      identityAccounts,
      accounts,
      refreshAccounts: async () => revokeChanged(await accounts.reload()),
      sessions: agentAuth.sessions,
      limiter: agentAuth.loginLimiter,
      startLimiter: shared.limiterFactory({ keyPrefix: 'oidc-start', points: 30, duration: PENDING_LIFETIME_MS / 1000 }),
      secureCookies,
      audit: audit.log,
    });
  }
  registerAgentAuthRoutes(app, {
    accounts,
    sessions: agentAuth.sessions,
    signedIn,
    revocation,
    limiter: agentAuth.loginLimiter,
    organisation: config.organisation,
    secureCookies,
    allowedOrigins,
    tls,
    warnings,
    audit: audit.log,
    localSignIn: config.signIn.localSignIn,
    identityProvider,
  });
  registerHistoryRoutes(app, { database, signedIn, roleOf: (username) => accounts.roleOf(username) });

  const chat = await createChatServices(config, log);
  const agentKeys = new AgentKeyLimiter(config.agentLimits.keysPerMinute, shared.limiterFactory);
  const handlerContext = { config, store, keyLimiter: shared.keyLimiter, agentKeys, keyTimers, log, warnings, metrics, chat, audit: options.auditLog ?? audit.log };
  const sockets = new SignalingSocketServer({
    config,
    allowedOrigins,
    tls,
    agentFromRequest: (request: IncomingMessage) => signedIn(app.parseCookie(request.headers.cookie ?? '')[AGENT_COOKIE]),
    ctx: handlerContext,
    nodeId: shared.nodeId,
    registry,
    router: withChatShareEvents(await shared.router(registry), handlerContext),
    nodeAlive: (nodeId) => shared.nodeAlive(nodeId),
    handOverOnClose: shared.kind === 'redis',
  });
  await revocation.onRevoked((revoked) => {
    // An account change seen first by another node: read the accounts before the console hears
    // why, so this node refuses the old sign-in from then on too.
    const accountChanged = revoked.reason === 'password-changed' || revoked.reason === 'account-removed' || revoked.reason === 'account-disabled';
    void (accountChanged ? accounts.reload().then(() => undefined) : Promise.resolve())
      .catch((error: unknown) => log.error({ err: error }, 'could not read the agent accounts from the database'))
      .finally(() => sockets.revoked(revoked));
  });
  accounts.watch(
    revokeChanged,
    (error) => log.error({ err: error }, 'could not read the agent accounts from the database; they stay as they were'),
  );
  registerPublicRoutes(app, config);
  await registerApi(app, {
    ctx: sockets.ctx,
    accounts,
    database,
    tokens: new ApiTokens(database.db),
    requestsPerMinute: config.integrations.apiRequestsPerMinute,
    baseUrl: () => baseUrl,
    recordUse: recordApiUse(audit.log, log),
  });
  const health = { ready: shared.ready, connections: () => registry.size, store: shared.kind, nodeId: shared.nodeId };
  registerHealthRoutes(app, health, metrics, { public: true, token: config.monitoring.token });
  await registerPageRoutes(app, config.webRoot ?? defaultWebRoot(), config.integrations.consoleEmbedOrigins);
  registerChatPageRoutes(app, config.chat);
  sockets.attach(app.server);

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  const { port: monitoringPort } = config.monitoring;
  const monitoring: MonitoringServer | undefined =
    monitoringPort === undefined
      ? undefined
      : await startMonitoringServer({ ...config.monitoring, port: monitoringPort }, health, metrics, log);
  const localHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `${tls ? 'https' : 'http'}://${localHost}:${port}`;
  baseUrl = url;
  webhooks.start();
  if (identityProvider) {
    // Not fatal: a provider that is down now is asked again at the next sign-in.
    identityProvider.discover().then(
      () => log.info({ issuer: oidc?.issuer.href }, 'identity provider found'),
      (error: unknown) => log.warn({ err: error, issuer: oidc?.issuer.href }, 'identity provider not reachable yet; sign-in through it will try again'),
    );
  }

  return {
    url,
    port,
    log,
    store: shared.kind,
    database,
    monitoringUrl: monitoring?.url,
    accessRevocation: revocation,
    demoAgent,
    async close() {
      accounts.close();
      await monitoring?.close();
      await webhooks.stop();
      keyTimers.cancelAll();
      chat.abandoned.cancelAll();
      await sockets.close();
      await app.close();
      await store.close();
      await chat.store.close();
      await agentAuth.close();
      await shared.close();
      warnings.close();
      await audit.close();
      if (!options.database) await database.close();
    },
  };
}
