import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrandError, parseBrand, type BrandFile } from '../../../branding/brandSchema';
import { loadBrandDir } from '../../../branding/loadBrand';
import { DEFAULT_PUBLIC_BRAND, publicBrandOf } from '../../../branding/publicBrand';

const brandsDir = path.resolve(import.meta.dirname, '../../../build/brands');
const acme = loadBrandDir(path.join(brandsDir, 'acme')).brand;

function problems(overrides: Record<string, unknown>): string {
  try {
    parseBrand({ ...acme, ...overrides }, 'test.json');
  } catch (error) {
    assert.ok(error instanceof BrandError, String(error));
    return error.message;
  }
  assert.fail(`expected ${JSON.stringify(overrides)} to be refused`);
}

function brandFolder(brand: unknown, logo?: { name: string; content: string | Buffer }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brand-'));
  writeFileSync(path.join(dir, 'brand.json'), typeof brand === 'string' ? brand : JSON.stringify(brand));
  if (logo) writeFileSync(path.join(dir, logo.name), logo.content);
  return dir;
}

function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'ascii');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

describe('brand schema', () => {
  it('accepts every shipped brand, the neutral default and the example company', () => {
    const shipped = readdirSync(brandsDir);
    assert.ok(shipped.includes('default') && shipped.includes('acme'), shipped.join(', '));
    for (const id of shipped) {
      const loaded = loadBrandDir(path.join(brandsDir, id));
      assert.ok(loaded.logo.bytes.length > 0, `${id} logo`);
    }
    assert.equal(acme.organisation, 'Acme Support');
    assert.equal(acme.deepLinkScheme, 'acme-help');
  });

  it('keeps the server\'s built-in neutral look equal to build/brands/default', () => {
    const neutral = loadBrandDir(path.join(brandsDir, 'default')).brand;
    assert.deepEqual(publicBrandOf(neutral, null), DEFAULT_PUBLIC_BRAND);
  });

  it('names the field of a wrong colour and explains the format', () => {
    assert.match(problems({ colors: { primary: 'teal' } }), /colors\.primary: must be a colour like #1f5fbf/);
    assert.match(problems({ colors: { primary: '#0f766e', primaryDark: '#12345' } }), /colors\.primaryDark: must be a colour/);
  });

  it('refuses a primary colour too light for white button text, with the contrast it has', () => {
    assert.match(problems({ colors: { primary: '#ffcc00' } }), /colors\.primary: #ffcc00 is too light .*contrast 1\.\d:1, needs at least 4\.5:1/);
  });

  it('wants https for the support, download and update URLs', () => {
    const message = problems({ supportUrl: 'http://acme.example/help', downloadUrl: 'not a url', updateFeedUrl: 'ftp://acme.example/' });
    assert.match(message, /supportUrl: "http:\/\/acme\.example\/help" must start with https:\/\//);
    assert.match(message, /downloadUrl: "not a url" is not a URL/);
    assert.match(message, /updateFeedUrl: "ftp:\/\/acme\.example\/" must start with https:\/\//);
  });

  it('allows plain http for the server only on this computer', () => {
    assert.match(problems({ defaultServerUrl: 'http://help.acme.example' }), /defaultServerUrl: .*https:\/\/ \(http:\/\/ only for localhost\)/);
    assert.match(problems({ allowedServers: ['https://me:pw@help.acme.example'] }), /allowedServers\.0: .*user name or password/);
    assert.equal(parseBrand({ ...acme, defaultServerUrl: 'http://localhost:8080' }, 'x').defaultServerUrl, 'http://localhost:8080');
  });

  it('wants a reverse-DNS app id', () => {
    for (const appId of ['acme', 'com acme.help', '.com.acme', 'com..acme']) {
      assert.match(problems({ appId }), /appId: must be reverse-DNS like com\.example\.support/, appId);
    }
  });

  it('applies the app\'s reserved-scheme rule to the deep-link scheme', () => {
    assert.match(problems({ deepLinkScheme: 'https' }), /deepLinkScheme: must not be a scheme the system or browser already uses/);
    assert.match(problems({ deepLinkScheme: 'Acme Help' }), /deepLinkScheme: must be 2 to 31 lower-case letters/);
  });

  it('lists missing, unknown and misspelt fields by name, all at once', () => {
    const { productName: _name, publisher: _publisher, ...rest } = acme as BrandFile;
    let message = '';
    try {
      parseBrand({ ...rest, prodcutName: 'x', defaultLocale: 'fr' }, 'acme/brand.json');
    } catch (error) {
      message = String(error);
    }
    assert.match(message, /acme\/brand\.json/);
    assert.match(message, /productName: is missing/);
    assert.match(message, /publisher: is missing/);
    assert.match(message, /\(file\): unknown field "prodcutName"/);
    assert.match(message, /defaultLocale: must be "en" or "de"/);
  });

  it('refuses names that cannot become window titles or file names', () => {
    assert.match(problems({ productName: '' }), /productName: must not be empty/);
    assert.match(problems({ productName: 'Acme/Help' }), /productName: must not contain/);
  });
});

describe('brand folder', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

  it('says which file is missing', () => {
    assert.throws(() => loadBrandDir(mkdtempSync(path.join(tmpdir(), 'brand-'))), /has no brand\.json/);
    assert.throws(() => loadBrandDir(brandFolder(acme)), /logo: "logo\.svg" does not exist/);
  });

  it('reports broken JSON as such', () => {
    assert.throws(() => loadBrandDir(brandFolder('{ "productName": ')), /is not valid JSON/);
  });

  it('wants a PNG logo square and at least 512 px', () => {
    assert.throws(() => loadBrandDir(brandFolder({ ...acme, logo: 'logo.png' }, { name: 'logo.png', content: png(256, 256) })), /logo: .*256×256 px.*at least 512×512/);
    assert.throws(() => loadBrandDir(brandFolder({ ...acme, logo: 'logo.png' }, { name: 'logo.png', content: png(1024, 512) })), /logo: .*must be square/);
    assert.equal(loadBrandDir(brandFolder({ ...acme, logo: 'logo.png' }, { name: 'logo.png', content: png(1024, 1024) })).logo.format, 'png');
  });

  it('refuses SVG logos with scripts or outside links (every customer\'s page shows it)', () => {
    const withScript = svg.replace('<rect', '<script>alert(1)</script><rect');
    assert.throws(() => loadBrandDir(brandFolder(acme, { name: 'logo.svg', content: withScript })), /logo: .*scripts/);
    const withLink = svg.replace('<rect', '<image href="https://tracker.example/p.png"/><rect');
    assert.throws(() => loadBrandDir(brandFolder(acme, { name: 'logo.svg', content: withLink })), /logo: .*must not link/);
    assert.throws(() => loadBrandDir(brandFolder(acme, { name: 'logo.svg', content: svg.replace(' viewBox="0 0 10 10"', '') })), /viewBox/);
    assert.equal(loadBrandDir(brandFolder(acme, { name: 'logo.svg', content: svg })).logo.format, 'svg');
  });
});
