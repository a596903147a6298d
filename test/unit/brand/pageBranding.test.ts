import { strict as assert } from 'node:assert';
import { fetchBranding } from '../../../renderer/customer/platform/branding';

const names = { organisation: 'Acme Support', productName: 'Acme Remote Help', defaultLocale: 'de' };
const brand = {
  primaryColor: '#0f766e',
  primaryDarkColor: '#0c5e58',
  logoUrl: '/api/brand/logo',
  deepLinkScheme: 'acme-help',
  downloadUrl: null,
  supportUrl: 'https://www.acme.example/support',
};

describe('the customer page reading /api/config', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function serve(body: unknown, status = 200): void {
    globalThis.fetch = async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }

  it('takes the brand, with the logo resolved against the server it came from', async () => {
    serve({ ...names, brand });
    const branding = await fetchBranding('https://help.acme.example/api/config', 'en');
    assert.equal(branding.organisation, 'Acme Support');
    assert.deepEqual(branding.brand, { ...brand, logoUrl: 'https://help.acme.example/api/brand/logo' });
  });

  it('tolerates a server without a brand (older servers): names only, neutral look', async () => {
    serve(names);
    const branding = await fetchBranding('https://help.acme.example/api/config', 'en');
    assert.deepEqual(branding, names);
  });

  it('leaves the product unnamed when the server only has its English default, so the page says it in its language', async () => {
    serve({ ...names, productName: 'Screen Share', productNameChosen: false });
    const branding = await fetchBranding('https://help.acme.example/api/config', 'de');
    assert.equal(branding.productName, null);
    assert.equal(branding.organisation, 'Acme Support');
  });

  it('ignores a broken brand but keeps the names', async () => {
    serve({ ...names, brand: { ...brand, primaryColor: 'red; background: url(x)' } });
    const branding = await fetchBranding('https://help.acme.example/api/config', 'en');
    assert.equal(branding.productName, 'Acme Remote Help');
    assert.equal(branding.brand, undefined);
  });

  it('never uses a logo URL that is not http(s)', async () => {
    serve({ ...names, brand: { ...brand, logoUrl: 'javascript:alert(1)' } });
    const branding = await fetchBranding('https://help.acme.example/api/config', 'en');
    assert.equal(branding.brand?.logoUrl, null);
  });

  it('falls back to no names and the given language when the server does not answer', async () => {
    globalThis.fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      assert.deepEqual(await fetchBranding('https://help.acme.example/api/config', 'de'), { organisation: null, productName: null, defaultLocale: 'de' });
    } finally {
      console.warn = warn;
    }
  });
});
