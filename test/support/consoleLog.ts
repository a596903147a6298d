import type { BrowserContext } from 'playwright-core';

/**
 * Collects what a browser context's pages print (console messages, uncaught errors, crashes), with
 * timestamps, so a failing test can show what the page said. Returns a function giving the text.
 */
export function recordConsole(context: BrowserContext): () => string {
  const started = Date.now();
  const lines: string[] = [];
  const stamp = () => `+${String(Date.now() - started).padStart(6)} ms`;
  const pageName = (url: string) => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  };
  context.on('console', (message) => {
    const page = message.page();
    lines.push(`${stamp()} [${message.type()}] ${page ? pageName(page.url()) : '?'}: ${message.text()}`);
  });
  context.on('weberror', (error) => {
    lines.push(`${stamp()} [uncaught] ${error.error().stack ?? error.error().message}`);
  });
  context.on('page', (page) => {
    page.on('crash', () => lines.push(`${stamp()} [crash] ${pageName(page.url())}`));
    page.on('requestfailed', (request) =>
      lines.push(`${stamp()} [request failed] ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`),
    );
  });
  return () => lines.join('\n');
}
