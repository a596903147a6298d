import assert from 'node:assert/strict';
import de from '../../../../renderer/customer/i18n/de.json';
import en from '../../../../renderer/customer/i18n/en.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (value: string) => [...value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('customer page translations', () => {
  const english = leaves(en);
  const german = leaves(de);

  it('has every English text in German and nothing extra', () => {
    assert.deepEqual([...german.keys()].sort(), [...english.keys()].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of english) {
      assert.deepEqual(placeholders(german.get(key) ?? ''), placeholders(value), `placeholders of ${key}`);
    }
  });

  it('has no empty texts', () => {
    for (const [key, value] of [...english, ...german]) assert.ok(value.trim().length > 0, `${key} is empty`);
  });

  it('gives every plural both the "one" and the "other" form', () => {
    for (const key of english.keys()) {
      const plural = /^(.*)_(one|other)$/.exec(key);
      if (!plural) continue;
      assert.ok(english.has(`${plural[1]}_one`) && english.has(`${plural[1]}_other`), `${plural[1]} plural forms`);
    }
  });

  it('keeps the English wording that end-to-end tests and the brief rely on', () => {
    assert.equal(en.key.label, 'Security key');
    assert.equal(en.key.continue, 'Continue');
    assert.equal(en.keyHint.typo, 'This key has a typo');
    assert.equal(en.consent.request, '{{agent}} from {{organisation}} wants to see your screen');
    assert.equal(en.consent.share, 'Share my screen');
    assert.equal(en.consent.decline, 'Decline');
    assert.equal(en.sharing.bar, 'You are sharing your screen with {{agent}}');
    assert.equal(en.sharing.stop, 'Stop sharing');
    assert.equal(en.ended.stopped, 'You stopped sharing your screen.');
    assert.equal(en.ended.agentEnded, '{{agent}} ended the screen share.');
    assert.equal(en.ended.connectionLost, 'The connection was lost.');
  });
});
