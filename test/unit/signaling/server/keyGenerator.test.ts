import { strict as assert } from 'node:assert';
import { checkKey } from '../../../../signaling/protocol';
import { freshKey, randomKey } from '../../../../signaling/server/keys/keyGenerator';

describe('key generation', () => {
  it('makes 9-digit keys with a valid check digit', () => {
    for (let i = 0; i < 1000; i++) {
      const key = randomKey();
      assert.match(key, /^\d{9}$/);
      assert.equal(checkKey(key), 'ok');
    }
  });

  it('spreads keys over the whole space (no visible bias in the first digit)', () => {
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[Number(randomKey()[0])]! += 1;
    for (const count of counts) assert.ok(count > 1700 && count < 2300, `first-digit count ${count}`);
  });

  it('never hands out a key that is live or recently dead', async () => {
    const taken = new Set<string>();
    let asked = 0;
    const store = {
      isKeyTaken: async (key: string) => {
        asked += 1;
        if (asked <= 3) {
          taken.add(key);
          return true;
        }
        return taken.has(key);
      },
    };
    const key = await freshKey(store);
    assert.equal(taken.has(key), false);
    assert.equal(asked, 4);
  });
});
