import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { DEFAULT_PUBLIC_BRAND } from '../../branding/publicBrand';
import { ConfigError, loadConfig } from '../../signaling/server/config';
import { startTestServer, type TestServer } from './harness';

const acmeLogo = readFileSync(new URL('../../build/brands/acme/logo.svg', import.meta.url));

describe('the server\'s brand (BRAND_DIR)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the neutral brand when none is configured', async () => {
    server = await startTestServer();
    const config = (await (await fetch(`${server.url}/api/config`)).json()) as Record<string, unknown>;
    // Not chosen: each page names the product in its own language ("Bildschirmfreigabe" in German).
    assert.deepEqual(config, { organisation: 'Support', productName: 'Screen Share', productNameChosen: false, defaultLocale: 'en', brand: DEFAULT_PUBLIC_BRAND });
    assert.equal((await fetch(`${server.url}/api/brand/logo`)).status, 404);
  });

  it('serves the example brand: names, language, colour, links and the logo at its URL', async () => {
    server = await startTestServer({ BRAND_DIR: 'build/brands/acme' });
    const response = await fetch(`${server.url}/api/config`);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await response.json(), {
      organisation: 'Acme Support',
      productName: 'Acme Remote Help',
      productNameChosen: true,
      defaultLocale: 'de',
      brand: {
        primaryColor: '#0f766e',
        primaryDarkColor: '#0c5e58',
        logoUrl: '/api/brand/logo',
        deepLinkScheme: 'acme-help',
        downloadUrl: 'https://www.acme.example/remote-help/download',
        supportUrl: 'https://www.acme.example/support',
      },
    });
    const logo = await fetch(`${server.url}/api/brand/logo`);
    assert.equal(logo.status, 200);
    assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
    // Opened on its own, the SVG is a document that may run and load nothing.
    assert.match(logo.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
    assert.deepEqual(Buffer.from(await logo.arrayBuffer()), acmeLogo);
  });

  it('lets ORGANISATION, PRODUCT_NAME and DEFAULT_LOCALE override the brand', async () => {
    server = await startTestServer({ BRAND_DIR: 'build/brands/acme', ORGANISATION: 'Acme IT', DEFAULT_LOCALE: 'en' });
    const config = (await (await fetch(`${server.url}/api/config`)).json()) as { organisation: string; productName: string; defaultLocale: string };
    assert.deepEqual([config.organisation, config.productName, config.defaultLocale], ['Acme IT', 'Acme Remote Help', 'en']);
  });

  it('refuses to start with a broken brand, naming the folder and the field', () => {
    assert.throws(() => loadConfig({ BRAND_DIR: 'build/brands/missing' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /BRAND_DIR=build\/brands\/missing/);
      assert.match(error.message, /has no brand\.json/);
      return true;
    });
  });
});
