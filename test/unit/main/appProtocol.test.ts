import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppRequestHandler, isPageOrigin, isPageUrl, pageUrl, registerAppScheme } from '../../../main/appProtocol';
import { customerPageCsp, INDICATOR_PAGE_CSP } from '../../../main/csp';
import type { Protocol } from 'electron';

describe('app:// pages', () => {
  let dir: string;
  const csp = customerPageCsp(['https://support.acme.example']);
  let serve: ReturnType<typeof createAppRequestHandler>;
  const get = (url: string) => serve({ url, method: 'GET' });

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'app-protocol-'));
    await mkdir(path.join(dir, 'renderer'));
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>customer</title>');
    await writeFile(path.join(dir, 'renderer', 'customer.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'renderer', 'notes.txt'), 'not a web file');
    await writeFile(path.join(dir, 'secret.json'), '{"secret":true}');
    serve = createAppRequestHandler({ customer: { directory: path.join(dir, 'renderer'), csp } });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('serves the bundled page with its CSP header', async () => {
    const response = await get(pageUrl('customer'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), csp);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await response.text(), /customer/);
    assert.equal((await get('app://customer/customer.js')).headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  it('never serves files outside the page directory, unknown hosts, unknown types or other methods', async () => {
    assert.equal((await get('app://customer/%2e%2e/secret.json')).status, 404);
    assert.equal((await get('app://customer/..%2fsecret.json')).status, 404);
    assert.equal((await get('app://customer/%E0%A4%A')).status, 404);
    assert.equal((await get('app://other/index.html')).status, 404);
    assert.equal((await get('app://customer/notes.txt')).status, 404);
    assert.equal((await get('app://customer/missing.js')).status, 404);
    assert.equal((await serve({ url: pageUrl('customer'), method: 'POST' })).status, 405);
  });

  it('recognises exactly our entry pages and origins', () => {
    assert.equal(pageUrl('customer'), 'app://customer/index.html');
    assert.ok(isPageUrl('app://customer/index.html?x=1#y', 'customer'));
    assert.ok(!isPageUrl('app://customer/other.html', 'customer'));
    assert.ok(!isPageUrl('app://indicator/indicator.html', 'customer'));
    assert.ok(!isPageUrl('https://customer/index.html', 'customer'));
    assert.ok(!isPageUrl('not a url', 'customer'));
    assert.ok(isPageOrigin('app://customer', 'customer'));
    assert.ok(!isPageOrigin('app://indicator', 'customer'));
  });

  it('registers app:// as a standard, secure scheme (getDisplayMedia needs a secure context)', () => {
    let registered: Parameters<Protocol['registerSchemesAsPrivileged']>[0] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => void (registered = schemes) });
    assert.deepEqual(registered.map((s) => [s.scheme, s.privileges?.standard, s.privileges?.secure]), [['app', true, true]]);
  });
});

describe('content security policy', () => {
  it('lets the customer page reach only the allowed servers (https + wss), scripts and styles only from the bundle', () => {
    const csp = customerPageCsp(['https://support.acme.example', 'http://localhost:8080']);
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('connect-src'), [
      'https://support.acme.example',
      'wss://support.acme.example',
      'http://localhost:8080',
      'ws://localhost:8080',
    ]);
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'self'"]);
    assert.deepEqual(directives.get('style-src'), ["'self'"]);
    assert.doesNotMatch(csp, /unsafe|\*/);
  });

  it('the indicator page may connect nowhere', () => {
    assert.doesNotMatch(INDICATOR_PAGE_CSP, /connect-src/);
    assert.match(INDICATOR_PAGE_CSP, /default-src 'none'/);
  });
});
