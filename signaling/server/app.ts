import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { AccountDirectory } from './accounts/accountDirectory';
import { AGENT_COOKIE, AgentSessions } from './auth/agentSessions';
import type { Config } from './config';
import { registerAgentAuthRoutes } from './http/agentAuthRoutes';
import { registerPageRoutes } from './http/pageRoutes';
import { registerPublicRoutes } from './http/publicRoutes';
import { registerSecurityHeaders } from './http/securityHeaders';
import { KeyExpiryTimers } from './keys/keyExpiryTimers';
import { KeyAttemptLimiter } from './limits/keyAttemptLimiter';
import { LoginLimiter } from './limits/loginLimiter';
import { createLogger, type Logger } from './log';
import { MemorySessionStore } from './store/memorySessionStore';
import type { SessionStore } from './store/sessionStore';
import { SignalingSocketServer } from './ws/signalingSocketServer';

export interface SignalingServer {
  /** Where people reach it: PUBLIC_URL, or http(s)://localhost:<port> */
  readonly url: string;
  readonly port: number;
  readonly log: Logger;
  close(): Promise<void>;
}

export interface ServerOptions {
  logger?: Logger;
  store?: SessionStore;
}

const defaultWebRoot = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');

/** Builds and starts the whole server: HTTP pages and API, and the signaling WebSocket. */
export async function createSignalingServer(config: Config, options: ServerOptions = {}): Promise<SignalingServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const tls = config.tls !== undefined;
  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 16 * 1024,
    // Request URLs may carry a key (?key=… from a chat link): never log them.
    logController: new LogController({ disableRequestLogging: true }),
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  const accounts = await AccountDirectory.load(config);
  const agentSessions = new AgentSessions(config.agentSessionMs);
  const store = options.store ?? new MemorySessionStore();
  const keyTimers = new KeyExpiryTimers();

  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, tls);
  registerAgentAuthRoutes(app, {
    accounts,
    sessions: agentSessions,
    limiter: new LoginLimiter(config.loginAttemptsPerIp),
    organisation: config.organisation,
    secureCookies: tls || (config.publicUrl?.startsWith('https:') ?? false),
  });

  const allowedOrigins = new Set(config.allowedOrigins);
  if (config.publicUrl) allowedOrigins.add(new URL(config.publicUrl).origin);
  const sockets = new SignalingSocketServer({
    config,
    allowedOrigins,
    tls,
    agentFromRequest: (request: IncomingMessage) =>
      agentSessions.find(app.parseCookie(request.headers.cookie ?? '')[AGENT_COOKIE]),
    ctx: { config, store, keyLimiter: new KeyAttemptLimiter(config.keyAttempts), keyTimers, log },
  });
  registerPublicRoutes(app, config, () => ({ connections: sockets.registry.size }));
  await registerPageRoutes(app, config.webRoot ?? defaultWebRoot());
  sockets.attach(app.server);

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  const localHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `${tls ? 'https' : 'http'}://${localHost}:${port}`;

  return {
    url,
    port,
    log,
    async close() {
      keyTimers.cancelAll();
      await sockets.close();
      await app.close();
      await store.close();
    },
  };
}
