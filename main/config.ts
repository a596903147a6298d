import { z } from 'zod';
import { DeepLinkScheme } from '../branding/brandSchema';

/**
 * The app's configuration: a JSON file bundled with the app (branding, which signaling servers
 * the app may talk to, the deep-link scheme), overridable for development with `--server <url>`
 * or SCREENSHARE_SERVER_URL. Servers are kept as origins: a server is identified by its origin.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only on this computer (development). */
const ServerOrigin = z.string().transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL` });
    return z.NEVER;
  }
  const plainLocal = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !plainLocal) {
    ctx.addIssue({ code: 'custom', message: `"${value}" must be an https:// URL (http:// only for localhost)` });
    return z.NEVER;
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: `"${value}" must not contain a user name or password` });
    return z.NEVER;
  }
  return url.origin;
});

const HttpsOrigin = z.string().transform((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `"${value}" must be an https:// URL` });
    return z.NEVER;
  }
  return url.origin;
});

export const AppConfigFile = z
  .object({
    productName: z.string().min(1).max(100),
    serverUrl: ServerOrigin,
    /** Further servers a deep link may name. The serverUrl is always allowed. */
    allowedServers: z.array(ServerOrigin).max(50).default([]),
    deepLinkScheme: DeepLinkScheme,
    /** https origins whose pages may be opened in the customer's browser (help, privacy policy). */
    externalLinkOrigins: z.array(HttpsOrigin).max(50).default([]),
    /** Generic electron-updater feed (from the brand); absent = the app never looks for updates. */
    updateFeedUrl: z.string().url().startsWith('https://', 'updateFeedUrl must be an https:// URL').optional(),
  })
  .strict();
export type AppConfigFile = z.input<typeof AppConfigFile>;

export interface AppConfig {
  readonly productName: string;
  /** Origin of the signaling server the app connects to. */
  readonly serverUrl: string;
  /** Every server origin the app may connect to: serverUrl first, then the configured ones. */
  readonly allowedServers: readonly string[];
  readonly deepLinkScheme: string;
  readonly externalLinkOrigins: readonly string[];
  readonly updateFeedUrl: string | undefined;
}

export class AppConfigError extends Error {
  override name = 'AppConfigError';
}

export interface ConfigSources {
  /** Parsed content of the bundled app-config.json. */
  file: unknown;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
}

export const SERVER_ENV = 'SCREENSHARE_SERVER_URL';

/** `--<name> <value>` or `--<name>=<value>`; arguments after a bare `--` are never options. */
function optionFromArgv(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return undefined;
    if (arg === `--${name}`) return argv[i + 1] ?? '';
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

export function serverFromArgv(argv: readonly string[]): string | undefined {
  return optionFromArgv(argv, 'server');
}

/** `--user-data-dir <dir>`: a profile of its own (tests, several customers on one machine). */
export function userDataDirFromArgv(argv: readonly string[]): string | undefined {
  return optionFromArgv(argv, 'user-data-dir') || undefined;
}

function explain(error: z.ZodError, where: string): AppConfigError {
  const lines = error.issues.map((issue) => `  - ${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`);
  return new AppConfigError(`The app configuration (${where}) is not valid:\n${lines.join('\n')}`);
}

export function loadAppConfig({ file, argv, env }: ConfigSources): AppConfig {
  const parsed = AppConfigFile.safeParse(file);
  if (!parsed.success) throw explain(parsed.error, 'app-config.json');

  const override = serverFromArgv(argv) ?? env[SERVER_ENV];
  let serverUrl = parsed.data.serverUrl;
  if (override !== undefined) {
    const where = serverFromArgv(argv) !== undefined ? '--server' : SERVER_ENV;
    const result = ServerOrigin.safeParse(override);
    if (!result.success) throw explain(result.error, where);
    serverUrl = result.data;
  }

  return Object.freeze({
    productName: parsed.data.productName,
    serverUrl,
    allowedServers: Object.freeze([...new Set([serverUrl, ...parsed.data.allowedServers])]),
    deepLinkScheme: parsed.data.deepLinkScheme,
    externalLinkOrigins: Object.freeze([...new Set(parsed.data.externalLinkOrigins)]),
    updateFeedUrl: parsed.data.updateFeedUrl,
  });
}

/** ws:// or wss:// origin of a server origin, for the CSP. */
export function socketOrigin(serverOrigin: string): string {
  const url = new URL(serverOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.origin;
}
