import { strict as assert } from 'node:assert';
import { ErrorCode } from '../../../../signaling/protocol';
import de from '../../../../renderer/agent-console/i18n/de.json';
import en from '../../../../renderer/agent-console/i18n/en.json';
import { english, german } from './english';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') found.set(prefix + key, value);
    else for (const [path, leaf] of leaves(value, `${prefix}${key}.`)) found.set(path, leaf);
  }
  return found;
}

const placeholders = (value: string) => [...value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('agent console translations', () => {
  const english = leaves(en);
  const german = leaves(de);

  it('German has exactly the keys English has', () => {
    const missing = [...english.keys()].filter((key) => !german.has(key));
    const extra = [...german.keys()].filter((key) => !english.has(key));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  });

  it('every text uses the same placeholders in both languages', () => {
    for (const [key, value] of english) {
      assert.deepEqual(placeholders(german.get(key) ?? ''), placeholders(value), `placeholders of ${key}`);
    }
  });

  it('no text is empty, and German is really translated where words are involved', () => {
    const sameOnPurpose = /^(stats\.(resolutionValue|fpsValue|mbpsValue|kbpsValue|msValue|none|bitrate)|video\.zoomLevel|history\.(agent|actions|none))$/;
    for (const [key, value] of english) {
      assert.ok(value.trim(), `en ${key} is empty`);
      assert.ok(german.get(key)?.trim(), `de ${key} is empty`);
      if (!sameOnPurpose.test(key)) assert.notEqual(german.get(key), value, `de ${key} is still English`);
    }
  });

  it('has a message for every error code the server can send', () => {
    for (const code of ErrorCode.options) assert.ok(english.has(`error.${code}`), `error.${code}`);
  });
});

describe('translator', () => {
  it('translates nested texts such as a wait time inside a sentence', () => {
    const ref = { key: 'signInError.tooManyAttempts', params: { wait: { key: 'wait.minutes', params: { count: 2 } } } } as const;
    assert.equal(english.translate(ref), 'Too many sign-in attempts. Try again in 2 minutes.');
    assert.equal(german.translate(ref), 'Zu viele Anmeldeversuche. Versuchen Sie es in 2 Minuten erneut.');
  });
});
