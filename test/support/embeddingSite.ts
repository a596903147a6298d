import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Another team's web site on port 0 that serves one page at "/" (e.g. with the chat widget's script tag). */
export interface EmbeddingSite {
  readonly origin: string;
  close(): Promise<void>;
}

/** `page()` is asked on every request, so the page can name a server that starts after the site. */
export async function startEmbeddingSite(page: () => string): Promise<EmbeddingSite> {
  const site = createServer((request, response) => {
    response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.url === '/' ? page() : '');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => site.close(() => resolve())),
  };
}
