import { strict as assert } from 'node:assert';
import { formatKeyInput } from '../../../../renderer/customer/ui/keyInputFormat';

describe('the key field groups digits in threes as the customer types', () => {
  it('groups as typed, the caret after the digit just typed', () => {
    assert.deepEqual(formatKeyInput('121', 3), { value: '121', caret: 3 });
    assert.deepEqual(formatKeyInput('1213', 4), { value: '121 3', caret: 5 });
    assert.deepEqual(formatKeyInput('121398781', 9), { value: '121 398 781', caret: 11 });
  });

  it('takes spaces and dashes as typed or pasted and regroups them', () => {
    assert.deepEqual(formatKeyInput('121-398-781', 11), { value: '121 398 781', caret: 11 });
    assert.deepEqual(formatKeyInput('12 1398 781', 11), { value: '121 398 781', caret: 11 });
  });

  it('keeps the caret after the same digit when editing in the middle', () => {
    // "121 398 781" with a digit deleted after "121 3": caret after the 4th digit.
    assert.deepEqual(formatKeyInput('121 398 81', 5), { value: '121 398 81', caret: 5 });
    assert.deepEqual(formatKeyInput('121 39 781', 6), { value: '121 397 81', caret: 6 });
  });

  it('leaves letters alone, so the page can say what is wrong', () => {
    assert.deepEqual(formatKeyInput('12a4', 4), { value: '12a4', caret: 4 });
  });
});
