import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from './harness';

/** /chat may be framed by the configured sites only; /widget.js loads on any site. */
describe('chat page headers', () => {
  let t: TestServer;
  before(async () => {
    const webRoot = await mkdtemp(path.join(tmpdir(), 'chat-web-'));
    for (const file of ['index.html', 'agent.html', 'chat.html']) await writeFile(path.join(webRoot, file), `<!doctype html><title>${file}</title>`);
    await writeFile(path.join(webRoot, 'chat-widget.js'), '/* widget */');
    t = await startTestServer({
      WEB_ROOT: webRoot,
      CHAT_EMBED_ORIGINS: 'https://www.example.com, https://shop.example.com',
    });
  });
  after(() => t.close());

  it('lets the configured sites frame /chat, and nobody else', async () => {
    const response = await fetch(`${t.url}/chat`);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'self' https:\/\/www\.example\.com https:\/\/shop\.example\.com(;|$)/);
    assert.equal(response.headers.get('x-frame-options'), null, 'frame-ancestors decides, not X-Frame-Options');
    assert.match(csp, /script-src 'self'/, 'the rest of the CSP is unchanged');
  });

  it('keeps every other page unframeable', async () => {
    for (const page of ['/', '/agent']) {
      const response = await fetch(`${t.url}${page}`);
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, page);
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN', page);
    }
  });

  it('serves widget.js to any site', async () => {
    const response = await fetch(`${t.url}/widget.js`, { headers: { origin: 'https://elsewhere.example' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(await response.text(), '/* widget */');
  });

  it('refuses a malformed CHAT_EMBED_ORIGINS at start', async () => {
    await assert.rejects(startTestServer({ CHAT_EMBED_ORIGINS: "https://ok.example, 'unsafe-inline'" }), /CHAT_EMBED_ORIGINS/);
  });
});
