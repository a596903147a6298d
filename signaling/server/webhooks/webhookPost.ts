import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveTarget } from './webhookTarget';

export interface PostResult {
  readonly ok: boolean;
  readonly status: number | null;
  readonly error: string | null;
}

export interface PostOptions {
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
}

/**
 * One delivery attempt: POST the body with its headers to the checked address. 2xx is success;
 * a redirect is a failure (never followed); a receiver slower than timeoutMs is cut off.
 */
export async function postWebhook(url: URL, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostResult> {
  let target: { address: string; family: 4 | 6 };
  try {
    target = await resolveTarget(url.hostname, options.allowPrivate);
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message };
  }
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'screenshare-webhooks/1' },
        timeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        response.on('end', () => {
          if (status >= 200 && status < 300) resolve({ ok: true, status, error: null });
          else if (status >= 300 && status < 400) resolve({ ok: false, status, error: `redirect to ${response.headers.location ?? '?'} not followed` });
          else resolve({ ok: false, status, error: `HTTP ${status}` });
        });
        response.on('error', (error) => resolve({ ok: false, status, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, status: null, error: error.name === 'AbortError' ? `no answer within ${options.timeoutMs} ms` : error.message }));
    request.end(body);
  });
}
