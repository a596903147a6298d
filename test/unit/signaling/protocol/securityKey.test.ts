import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkKey, formatKey, keyFromPayload, normalizeKey } from '../../../../signaling/protocol';

const payload = fc.stringMatching(/^\d{8}$/);

describe('security key check digit (Damm)', () => {
  it('accepts every key it generates', () => {
    fc.assert(fc.property(payload, (p) => checkKey(keyFromPayload(p)) === 'ok'));
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(payload, fc.nat(8), fc.integer({ min: 1, max: 9 }), (p, position, shift) => {
        const key = keyFromPayload(p);
        const wrong = (Number(key[position]) + shift) % 10;
        const typo = key.slice(0, position) + wrong + key.slice(position + 1);
        return checkKey(typo) === 'typo';
      }),
      { numRuns: 5000 },
    );
  });

  it('catches every swap of two different neighbouring digits', () => {
    fc.assert(
      fc.property(payload, fc.nat(7), (p, position) => {
        const key = keyFromPayload(p);
        const a = key[position];
        const b = key[position + 1];
        fc.pre(a !== b);
        const swapped = key.slice(0, position) + b + a + key.slice(position + 2);
        return checkKey(swapped) === 'typo';
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts what people type: spaces, dashes, dots', () => {
    const key = keyFromPayload('12345678');
    assert.equal(checkKey(formatKey(key)), 'ok');
    assert.equal(checkKey(key.replace(/(\d{3})/g, '$1-').slice(0, -1)), 'ok');
    assert.equal(normalizeKey(' 123 - 456.789 '), '123456789');
  });

  it('says what is wrong with incomplete input instead of calling it a typo', () => {
    assert.equal(checkKey(''), 'empty');
    assert.equal(checkKey('12345'), 'too-short');
    assert.equal(checkKey('1234567890'), 'too-long');
    assert.equal(checkKey('12a456789'), 'not-digits');
  });

  it('groups keys in threes for reading aloud', () => {
    assert.equal(formatKey('123456789'), '123 456 789');
  });
});
