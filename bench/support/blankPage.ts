import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An empty page on http://127.0.0.1 (a secure context, so getDisplayMedia works; another host is
 * declared secure to the browsers by the slow-uplink stage) for the
 * baselines and the clock window; the bench fills it with page.evaluate.
 */
export async function serveBlankPage(host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><meta charset="utf-8"><title>bench</title><body style="margin:0;overflow:hidden"></body>');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
