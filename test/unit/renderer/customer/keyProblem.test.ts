import assert from 'node:assert/strict';
import { keyFromPayload } from '../../../../signaling/protocol';
import { localKeyProblem } from '../../../../renderer/customer/flow/keyProblem';
import { problemWords, wordsIn } from './words';

const KEY = keyFromPayload('12345678');
const grouped = `${KEY.slice(0, 3)} ${KEY.slice(3, 6)} ${KEY.slice(6)}`;
const typo = KEY.slice(0, 4) + String((Number(KEY[4]) + 1) % 10) + KEY.slice(5);

describe('checking a typed key on the page', () => {
  it('accepts the key however it is grouped: spaces, dashes, or none', () => {
    for (const typed of [KEY, grouped, grouped.replace(/ /g, '-'), ` ${grouped} `, grouped.replace(/ /g, ' - ')]) {
      assert.equal(localKeyProblem(typed), null, typed);
    }
  });

  it('says "This key has a typo" for one wrong digit and for two swapped digits', async () => {
    const say = await wordsIn('en');
    const swapped = KEY.slice(0, 2) + KEY[3] + KEY[2] + KEY.slice(4);
    for (const typed of [typo, swapped]) {
      assert.equal(say(localKeyProblem(typed)!.message), 'This key has a typo', typed);
    }
  });

  it('tells how many digits were typed when the key is too short or too long', async () => {
    const say = await wordsIn('en');
    assert.deepEqual(problemWords(say, localKeyProblem('123 45')), [
      'The key has 9 digits, but you entered only 5.',
      'Please check that no digit is missing or doubled.',
    ]);
    assert.equal(say(localKeyProblem('1')!.message), 'The key has 9 digits, but you entered only 1.');
    assert.equal(say(localKeyProblem(`${KEY}1`)!.message), 'The key has 9 digits, but you entered 10.');
  });

  it('explains that a key has only digits, and asks for one when the field is empty', async () => {
    const say = await wordsIn('en');
    assert.equal(say(localKeyProblem('12a 456 789')!.message), 'The security key contains only digits.');
    assert.equal(say(localKeyProblem('   ')!.message), 'Please enter the security key.');
  });

  it('says the same in German', async () => {
    const say = await wordsIn('de');
    assert.equal(say(localKeyProblem(typo)!.message), 'Dieser Schlüssel enthält einen Tippfehler');
    assert.equal(say(localKeyProblem('1234')!.message), 'Der Schlüssel hat 9 Ziffern, Sie haben aber nur 4 eingegeben.');
  });
});
