import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleDirs, checkBundle } from './bundleCheck';

/**
 * Every translation bundle in the repository, found by walking the tree (any `i18n/*.json`
 * outside node_modules and build output), so a new page's bundle is covered the day it appears.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const dirs = bundleDirs(root);

function bundle(en: object, de: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'i18n-'));
  writeFileSync(path.join(dir, 'en.json'), JSON.stringify(en));
  writeFileSync(path.join(dir, 'de.json'), JSON.stringify(de));
  return dir;
}

describe('translation bundles', () => {
  it('are found for the customer page, the agent console and the desktop app', () => {
    const names = dirs.map((dir) => path.relative(root, dir));
    for (const expected of ['renderer/customer/i18n', 'renderer/agent-console/i18n', 'renderer/chat-page/i18n', 'main/i18n']) {
      assert.ok(names.includes(expected), `${expected} among ${names.join(', ')}`);
    }
  });

  for (const dir of dirs) {
    const name = path.relative(root, dir);
    it(`${name}: complete in English and German, same placeholders, plural forms`, () => {
      assert.deepEqual(checkBundle(dir, name), []);
    });
  }
});

describe('the completeness check', () => {
  const en = { greeting: 'Hello {{name}}', items_one: '{{count}} item', items_other: '{{count}} items' };

  it('passes a complete bundle', () => {
    assert.deepEqual(checkBundle(bundle(en, { greeting: 'Hallo {{name}}', items_one: '{{count}} Eintrag', items_other: '{{count}} Einträge' }), 'x'), []);
  });

  it('fails on a missing key, an extra key and a missing plural form', () => {
    const problems = checkBundle(bundle(en, { greting: 'Hallo {{name}}', items_other: '{{count}} Einträge' }), 'x');
    assert.ok(problems.includes('x/de.json: missing greeting'), problems.join('\n'));
    assert.ok(problems.includes('x/de.json: greting is not in en.json'), problems.join('\n'));
    assert.ok(problems.includes('x/de.json: items_one is missing (plural rules of de)'), problems.join('\n'));
  });

  it('fails when a placeholder differs', () => {
    const problems = checkBundle(bundle(en, { greeting: 'Hallo {{nmae}}', items_one: '{{count}} Eintrag', items_other: '{{count}} Einträge' }), 'x');
    assert.deepEqual(problems, ['x/de.json: greeting has placeholders [nmae] but English has [name]']);
  });

  it('fails on an empty text', () => {
    const problems = checkBundle(bundle(en, { greeting: ' ', items_one: '{{count}} Eintrag', items_other: '{{count}} Einträge' }), 'x');
    assert.ok(problems.some((problem) => problem.includes('greeting is empty')), problems.join('\n'));
  });
});
