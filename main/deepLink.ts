import type { App } from 'electron';
import { checkKey, normalizeKey } from '../signaling/protocol/securityKey';
import type { DeepLink } from '../preload/contract/desktopApi';
import type { AppConfig } from './config';

/**
 * `<scheme>://join?key=123456789&server=https://support.example` opens the app with the key
 * filled in. A link can only pick one of the servers the app already trusts: one naming any other
 * server is ignored, so a link never makes the app connect to an arbitrary server.
 */
export type DeepLinkResult = { ok: true; link: DeepLink } | { ok: false; reason: string };

type LinkConfig = Pick<AppConfig, 'deepLinkScheme' | 'allowedServers' | 'serverUrl'>;

export function parseDeepLink(raw: string, config: LinkConfig): DeepLinkResult {
  if (raw.length > 2048 || !URL.canParse(raw)) return { ok: false, reason: 'not a URL' };
  const url = new URL(raw);
  if (url.protocol !== `${config.deepLinkScheme}:`) return { ok: false, reason: 'not our scheme' };
  const action = (url.host || url.pathname.replace(/^\/+/, '')).toLowerCase().replace(/\/+$/, '');
  if (action !== 'join') return { ok: false, reason: `unknown action "${action}"` };

  const key = normalizeKey(url.searchParams.get('key') ?? '');
  const check = checkKey(key);
  if (check !== 'ok') return { ok: false, reason: `malformed key (${check})` };

  const serverParam = url.searchParams.get('server');
  let server = config.serverUrl;
  if (serverParam !== null) {
    const origin = URL.canParse(serverParam) ? new URL(serverParam).origin : undefined;
    if (!origin || !config.allowedServers.includes(origin)) {
      return { ok: false, reason: `server "${serverParam.slice(0, 200)}" is not on the allowlist` };
    }
    server = origin;
  }
  return { ok: true, link: { key, server } };
}

/** The deep link among command-line arguments (Windows and Linux pass it that way). */
export function findDeepLinkInArgv(argv: readonly string[], scheme: string): string | undefined {
  const prefix = `${scheme}:`;
  return argv.find((arg) => arg.toLowerCase().startsWith(prefix));
}

export interface DeepLinkDeps {
  app: Pick<App, 'requestSingleInstanceLock' | 'setAsDefaultProtocolClient' | 'on' | 'quit'>;
  config: LinkConfig;
  /** process.argv of this instance. */
  argv: readonly string[];
  /** In development (`electron main.cjs`) the OS must relaunch electron with our script. */
  devLaunch?: { execPath: string; args: string[] };
  deliver(link: DeepLink): void;
  /** Bring the running app to the front (another instance was started). */
  focus(): void;
  log: (message: string) => void;
}

/**
 * Registers the scheme and the single-instance lock. Returns false when another instance already
 * runs: that one receives our arguments through `second-instance`, and this one must quit.
 */
export function installDeepLinks(deps: DeepLinkDeps): boolean {
  if (!deps.app.requestSingleInstanceLock()) {
    deps.app.quit();
    return false;
  }
  const { deepLinkScheme } = deps.config;
  // Every link goes through parseDeepLink: only `join` with a checked key and an allowlisted server.
  const registered = deps.devLaunch
    ? deps.app.setAsDefaultProtocolClient(deepLinkScheme, deps.devLaunch.execPath, deps.devLaunch.args) /* eng-disable PROTOCOL_HANDLER_JS_CHECK: links are parsed by parseDeepLink (join + checked key + allowlisted server only) */
    : deps.app.setAsDefaultProtocolClient(deepLinkScheme); /* eng-disable PROTOCOL_HANDLER_JS_CHECK: links are parsed by parseDeepLink (join + checked key + allowlisted server only) */
  if (!registered) deps.log(`could not register ${deepLinkScheme}:// links with the system`);

  const handle = (raw: string | undefined) => {
    if (raw === undefined) return;
    const result = parseDeepLink(raw, deps.config);
    if (result.ok) deps.deliver(result.link);
    else deps.log(`ignored a ${deepLinkScheme}:// link: ${result.reason}`);
  };

  deps.app.on('second-instance', (_event, argv) => {
    deps.focus();
    handle(findDeepLinkInArgv(argv, deepLinkScheme));
  });
  // macOS delivers links as events, also the one that launched the app (register before ready).
  deps.app.on('open-url', (event, url) => {
    event.preventDefault();
    deps.focus();
    handle(url);
  });
  handle(findDeepLinkInArgv(deps.argv, deepLinkScheme));
  return true;
}
