import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadBrandDir } from '../../../branding/loadBrand';
import { findElectron, type ElectronTarget } from '../../../build/brand/electronAvailability';
import { makeIcons, PNG_SIZES } from '../../../build/brand/icons';
import { parseDistArgs } from '../../../build/dist';

const target: ElectronTarget = { version: '41.7.1', platform: 'linux', arch: 'x64' };
const temp = () => mkdtempSync(path.join(tmpdir(), 'dist-'));

describe('finding Electron for packaging', () => {
  it('stops with what is missing and how to provide it (electronDist / ELECTRON_DIST)', () => {
    const found = findElectron({ target, env: { ELECTRON_CACHE: temp(), XDG_CACHE_HOME: temp() }, packageDistDir: temp() });
    assert.equal(found.kind, 'missing');
    const message = found.kind === 'missing' ? found.message : '';
    assert.match(message, /Electron 41\.7\.1 for linux-x64 is missing/);
    assert.match(message, /electron-v41\.7\.1-linux-x64\.zip/);
    assert.match(message, /ELECTRON_DIST=\/path\/to\/electron-v41\.7\.1-linux-x64 npm run dist -- --brand <dir>/);
    assert.match(message, /`electronDist`/);
  });

  it('uses an unpacked Electron named by ELECTRON_DIST, and says so when it is not one', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'electron'), '');
    assert.deepEqual(findElectron({ target, env: { ELECTRON_DIST: dir }, packageDistDir: temp() }), { kind: 'unpacked', dir, from: 'ELECTRON_DIST' });
    const empty = temp();
    const wrong = findElectron({ target, env: { ELECTRON_DIST: empty }, packageDistDir: temp() });
    assert.equal(wrong.kind, 'missing');
    assert.match(wrong.kind === 'missing' ? wrong.message : '', new RegExp(`ELECTRON_DIST=${empty} does not contain electron`));
  });

  it('finds the zip in electron-builder\'s download cache (a hashed sub-folder)', () => {
    const cache = temp();
    mkdirSync(path.join(cache, 'abc123'));
    writeFileSync(path.join(cache, 'abc123', 'electron-v41.7.1-linux-x64.zip'), '');
    const found = findElectron({ target, env: { ELECTRON_CACHE: cache }, packageDistDir: temp() });
    assert.deepEqual(found, { kind: 'cached-zip', zip: path.join(cache, 'abc123', 'electron-v41.7.1-linux-x64.zip') });
  });
});

describe('icons from the brand logo', () => {
  it('makes every PNG size, an .ico and an .icns from one SVG', async () => {
    const { logo } = loadBrandDir(path.resolve(import.meta.dirname, '../../../build/brands/acme'));
    const icons = await makeIcons(logo, temp());
    for (const size of PNG_SIZES) {
      const meta = await sharp(readFileSync(icons.png.get(size) ?? '')).metadata();
      assert.deepEqual([meta.width, meta.height, meta.format], [size, size, 'png'], `${size} px`);
    }
    // The logo's teal, not a blank image: the centre-left pixel of the large icon.
    const { data } = await sharp(readFileSync(icons.png.get(512) ?? '')).extract({ left: 40, top: 256, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([...data.subarray(0, 3)], [0x0f, 0x76, 0x6e]);
    const ico = readFileSync(icons.ico);
    assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2)], [0, 1], 'ICO header');
    assert.ok(ico.readUInt16LE(4) >= 5, 'several sizes inside the .ico');
    const icns = readFileSync(icons.icns);
    assert.equal(icns.subarray(0, 4).toString('ascii'), 'icns');
    assert.equal(icns.readUInt32BE(4), icns.length, 'ICNS length field');
  });
});

describe('npm run dist arguments', () => {
  it('takes the brand folder, the neutral one by default', () => {
    assert.deepEqual(parseDistArgs(['--brand', 'build/brands/acme']), { brandDir: 'build/brands/acme', configOnly: false, dirOnly: false });
    assert.deepEqual(parseDistArgs(['--brand=build/brands/acme', '--config-only']), { brandDir: 'build/brands/acme', configOnly: true, dirOnly: false });
    assert.equal(parseDistArgs([]).brandDir, 'build/brands/default');
    assert.throws(() => parseDistArgs(['--brnad', 'x']), /unknown option --brnad/);
  });
});
