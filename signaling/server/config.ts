import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { IceServer } from '../protocol';
import { loadChatConfig, type ChatConfig } from './chat/chatConfig';
import { loadMonitoringConfig, type MonitoringConfig } from './monitoring/monitoringConfig';
import { ConfigError, invalidEnvironment } from './configError';
import { loadIntegrationConfig, type IntegrationConfig } from './api/integrationConfig';
import { loadSignInConfig, type SignInConfig } from './auth/oidc/signInConfig';
import { BrandError, loadServerBrand, type ServerBrand } from './branding/serverBrand';
import { parseTrustProxy, type TrustProxy } from './network/trustedProxy';

/**
 * All configuration comes from environment variables (documented in the README), parsed once
 * into one readonly object. Services receive only the slice they need (Pick<Config, ...>).
 */
const csv = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : []));

const IceServers = z.array(IceServer);

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  ALLOWED_ORIGINS: csv,
  KEY_TTL_SECONDS: seconds(300),
  ICE_SERVERS: z
    .string()
    .optional()
    .transform((text, ctx): IceServer[] => {
      if (!text) return [];
      try {
        return IceServers.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON array like [{"urls":"stun:host:3478"}]' });
        return z.NEVER;
      }
    }),
  TURN_SECRET: z.string().min(16, 'use at least 16 characters (the static-auth-secret of coturn)').optional(),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(24 * 3600).default(3600),
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  HEARTBEAT_INTERVAL_SECONDS: seconds(10),
  RESUME_GRACE_SECONDS: seconds(60),
  MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(0).default(200),
  MAX_SESSIONS_PER_AGENT: z.coerce.number().int().positive().default(20),
  KEYS_PER_AGENT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  MAX_HTTP_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(500),
  HTTP_HEADERS_TIMEOUT_SECONDS: seconds(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: seconds(30),
  AGENTS_FILE: z.string().default('data/agents.json'),
  DEMO_AGENT: z
    .string()
    .regex(/^[a-z0-9._-]{1,64}:.{6,}$/i, 'must look like name:password (password at least 6 characters)')
    .optional(),
  /** A brand folder (brand.json + logo); unset = the neutral look. The three below override it. */
  BRAND_DIR: z.string().min(1).optional(),
  ORGANISATION: z.string().min(1).optional(),
  PRODUCT_NAME: z.string().min(1).optional(),
  DEFAULT_LOCALE: z.enum(['en', 'de']).optional(),
  KEY_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(10),
  KEY_ATTEMPTS_PER_IP_WINDOW_SECONDS: seconds(900),
  KEY_ATTEMPTS_GLOBAL: z.coerce.number().int().positive().default(100),
  KEY_ATTEMPTS_GLOBAL_WINDOW_SECONDS: seconds(60),
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(10),
  LOGIN_ATTEMPTS_PER_USERNAME: z.coerce.number().int().positive().default(10),
  LOGIN_LOCKOUT_MAX_MINUTES: z.coerce.number().int().min(15).default(240),
  LOGIN_CHECKS_PER_IP_AT_ONCE: z.coerce.number().int().positive().default(2),
  AGENT_SESSION_HOURS: z.coerce.number().positive().default(12),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((text, ctx) => {
      const parsed = parseTrustProxy(text);
      if ('trust' in parsed) return parsed.trust;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
      return z.NEVER;
    }),
  /** Customers may share one window instead of a whole screen (the browser's and the app's picker offer windows). */
  ALLOW_WINDOW_SHARE: z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  WEB_ROOT: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must look like postgres://user:password@host:5432/screenshare')
    .optional(),
  DATABASE_DIR: z.string().min(1).default('data/database'),
  AUDIT_CUSTOMER_ADDRESS: z.enum(['full', 'truncated', 'none']).default('truncated'),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must look like redis://host:6379 or rediss://user:password@host:6380/0')
    .optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Set when PUBLIC_URL is given; otherwise derived from the listening address at start. */
  readonly publicUrl: string | undefined;
  readonly allowedOrigins: readonly string[];
  readonly keyTtlMs: number;
  readonly iceServers: readonly IceServer[];
  /** With TURN_SECRET: TURN servers in ICE_SERVERS get per-client, time-limited credentials. */
  readonly turn: { readonly secret: string; readonly ttlSeconds: number } | undefined;
  /** 'relay' sends all media through TURN (hides each side's address from the other). */
  readonly iceTransportPolicy: 'all' | 'relay';
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
  readonly heartbeatIntervalMs: number;
  /** How long a session waits for a member whose connection dropped (reload, network) to come back. */
  readonly resumeGraceMs: number;
  /** Open signaling sockets one client address may hold at once; 0 = no limit. */
  readonly maxSocketsPerAddress: number;
  /** Per agent account, over all its sockets and nodes: live screen shares, and keys issued per minute. */
  readonly agentLimits: { readonly maxSessions: number; readonly keysPerMinute: number };
  /** Slow clients: open HTTP connections per address (0 = no limit), and how long headers and a whole request may take. */
  readonly http: { readonly maxConnectionsPerAddress: number; readonly headersTimeoutMs: number; readonly requestTimeoutMs: number };
  readonly agentsFile: string;
  readonly demoAgent: { readonly username: string; readonly password: string } | undefined;
  readonly organisation: string;
  readonly productName: string;
  /** PRODUCT_NAME or a brand named the product; otherwise the pages use their own translated name. */
  readonly productNameChosen: boolean;
  readonly defaultLocale: 'en' | 'de';
  /** Colours, logo and links the pages show (BRAND_DIR). */
  readonly brand: ServerBrand;
  readonly keyAttempts: {
    readonly perIp: number;
    readonly perIpWindowMs: number;
    readonly global: number;
    readonly globalWindowMs: number;
  };
  /** Agent sign-in attempts (limits/loginLimiter.ts). */
  readonly loginLimits: {
    readonly perIp: number;
    readonly perUsername: number;
    readonly maxLockMs: number;
    /** Password checks (argon2) of one address running at once. */
    readonly concurrentPerIp: number;
  };
  readonly agentSessionMs: number;
  /** Which hops in front of the server are trusted proxies (TRUST_PROXY); false = none. */
  readonly trustProxy: TrustProxy | false;
  /** ALLOW_WINDOW_SHARE: a customer may share one window; false = whole screens only. */
  readonly allowWindowShare: boolean;
  readonly logLevel: string;
  readonly production: boolean;
  /** Folder with the built pages (dist/web). */
  readonly webRoot: string | undefined;
  /** Set when several nodes share state through Redis; unset = this process only. */
  readonly redisUrl: string | undefined;
  /** PostgreSQL server (DATABASE_URL); unset = the embedded PGlite database in databaseDir. */
  readonly databaseUrl: string | undefined;
  /** Where the embedded database keeps its files (DATABASE_DIR, default data/database). */
  readonly databaseDir: string;
  /** How much of a customer's address the audit trail keeps (AUDIT_CUSTOMER_ADDRESS). */
  readonly auditCustomerAddress: 'full' | 'truncated' | 'none';
  /** Audit events older than this are purged (AUDIT_RETENTION_DAYS). */
  readonly auditRetentionDays: number;
  /** Web chat limits and the sites that may embed /chat (CHAT_* variables). */
  readonly chat: ChatConfig;
  /** Who may read /metrics and /readyz details: METRICS_PORT, METRICS_HOST, METRICS_TOKEN. */
  readonly monitoring: MonitoringConfig;
  /** REST API, webhooks, console framing (API_*, WEBHOOK_*, CONSOLE_EMBED_ORIGINS). */
  readonly integrations: IntegrationConfig;
  /** Local passwords (LOCAL_SIGN_IN) and the organisation's identity provider (OIDC_*). */
  readonly signIn: SignInConfig;
}

export { ConfigError };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw invalidEnvironment(parsed.error);
  }
  const e = parsed.data;
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  TLS_CERT and TLS_KEY must be set together');
  }
  const signIn = loadSignInConfig(env);
  if (signIn.oidc && !e.PUBLIC_URL && e.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL: is required with OIDC_ISSUER (the identity provider sends agents back to PUBLIC_URL/api/agent/oidc/callback)',
    );
  }
  const [demoName, ...demoPassword] = e.DEMO_AGENT?.split(':') ?? [];
  let brand: ServerBrand;
  try {
    brand = loadServerBrand(e.BRAND_DIR);
  } catch (error) {
    if (error instanceof BrandError) throw new ConfigError(`Invalid configuration: BRAND_DIR=${e.BRAND_DIR}\n${error.message}`);
    throw error;
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    allowedOrigins: e.ALLOWED_ORIGINS,
    keyTtlMs: e.KEY_TTL_SECONDS * 1000,
    iceServers: e.ICE_SERVERS,
    turn: e.TURN_SECRET ? { secret: e.TURN_SECRET, ttlSeconds: e.TURN_CREDENTIAL_TTL_SECONDS } : undefined,
    iceTransportPolicy: e.ICE_TRANSPORT_POLICY,
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: readFileSync(e.TLS_CERT), key: readFileSync(e.TLS_KEY) } : undefined,
    heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_SECONDS * 1000,
    resumeGraceMs: e.RESUME_GRACE_SECONDS * 1000,
    maxSocketsPerAddress: e.MAX_SOCKETS_PER_ADDRESS,
    agentLimits: { maxSessions: e.MAX_SESSIONS_PER_AGENT, keysPerMinute: e.KEYS_PER_AGENT_PER_MINUTE },
    http: {
      maxConnectionsPerAddress: e.MAX_HTTP_CONNECTIONS_PER_ADDRESS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    },
    agentsFile: e.AGENTS_FILE,
    demoAgent: demoName ? { username: demoName, password: demoPassword.join(':') } : undefined,
    organisation: e.ORGANISATION ?? brand.organisation,
    productName: e.PRODUCT_NAME ?? brand.productName,
    productNameChosen: e.PRODUCT_NAME !== undefined || e.BRAND_DIR !== undefined,
    defaultLocale: e.DEFAULT_LOCALE ?? brand.defaultLocale,
    brand,
    keyAttempts: {
      perIp: e.KEY_ATTEMPTS_PER_IP,
      perIpWindowMs: e.KEY_ATTEMPTS_PER_IP_WINDOW_SECONDS * 1000,
      global: e.KEY_ATTEMPTS_GLOBAL,
      globalWindowMs: e.KEY_ATTEMPTS_GLOBAL_WINDOW_SECONDS * 1000,
    },
    loginLimits: {
      perIp: e.LOGIN_ATTEMPTS_PER_IP,
      perUsername: e.LOGIN_ATTEMPTS_PER_USERNAME,
      maxLockMs: e.LOGIN_LOCKOUT_MAX_MINUTES * 60_000,
      concurrentPerIp: e.LOGIN_CHECKS_PER_IP_AT_ONCE,
    },
    agentSessionMs: e.AGENT_SESSION_HOURS * 3_600_000,
    trustProxy: e.TRUST_PROXY,
    allowWindowShare: e.ALLOW_WINDOW_SHARE === 'true',
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    webRoot: e.WEB_ROOT,
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    databaseDir: e.DATABASE_DIR,
    auditCustomerAddress: e.AUDIT_CUSTOMER_ADDRESS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    chat: loadChatConfig(env),
    monitoring: loadMonitoringConfig(env),
    integrations: loadIntegrationConfig(env),
    signIn,
  };
}
