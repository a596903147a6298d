import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The app's pages are served from the bundle through a privileged `app://` scheme instead of
 * file://: every page gets a real, narrow origin (`app://customer`), a secure context (needed
 * for getDisplayMedia), a CSP response header, and no page can read arbitrary local files the
 * way file:// pages share one origin with the whole disk.
 */
export const APP_SCHEME = 'app';

export const PAGES = {
  customer: { host: 'customer', entry: 'index.html' },
  indicator: { host: 'indicator', entry: 'indicator.html' },
  overlay: { host: 'overlay', entry: 'overlay.html' },
} as const;
export type PageName = keyof typeof PAGES;

export function pageUrl(page: PageName): string {
  return `${APP_SCHEME}://${PAGES[page].host}/${PAGES[page].entry}`;
}

/** True when `url` is the entry page of `page` (query and hash ignored). */
export function isPageUrl(url: string, page: PageName): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === PAGES[page].host && parsed.pathname === `/${PAGES[page].entry}`;
}

export function isPageOrigin(origin: string, page: PageName): boolean {
  return origin === `${APP_SCHEME}://${PAGES[page].host}`;
}

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
  ]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppPageRoot {
  /** Directory holding the page's files. */
  directory: string;
  csp: string;
}

/** Serves GET requests for `app://<host>/<file>` from that host's directory and nothing else. */
export function createAppRequestHandler(roots: Readonly<Record<string, AppPageRoot>>) {
  return async (request: Pick<Request, 'url' | 'method'>): Promise<Response> => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
    const url = new URL(request.url);
    const root = Object.hasOwn(roots, url.host) ? roots[url.host] : undefined;
    if (url.protocol !== `${APP_SCHEME}:` || !root) return new Response('Not found', { status: 404 });

    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const file = path.resolve(root.directory, relative);
    if (!file.startsWith(path.resolve(root.directory) + path.sep)) return new Response('Not found', { status: 404 });
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
    if (!type) return new Response('Not found', { status: 404 });

    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': type,
          'Content-Security-Policy': root.csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}

export function serveAppScheme(
  protocol: Pick<Protocol, 'handle'>,
  roots: Readonly<Record<string, AppPageRoot>>,
): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(roots));
}
