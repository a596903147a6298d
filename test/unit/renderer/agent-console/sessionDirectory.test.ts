import { strict as assert } from 'node:assert';
import { SessionDirectory, lowestFreeNumber } from '../../../../renderer/agent-console/sessions/sessionDirectory';

describe('session directory', () => {
  it('routes a reply by ref until the session has an id, then by id', () => {
    const directory = new SessionDirectory<string>();
    const first = directory.refFor('panel 1', 'create');
    const second = directory.refFor('panel 2', 'create');
    assert.notEqual(first, second);
    assert.equal(directory.find({ ref: second }), 'panel 2');
    directory.bind('session-aaaaaaaaaaaa', 'panel 2');
    assert.equal(directory.find({ sessionId: 'session-aaaaaaaaaaaa' }), 'panel 2');
    assert.equal(directory.find({ sessionId: 'session-unknown00000' }), undefined);
  });

  it('forgets a closed panel entirely', () => {
    const directory = new SessionDirectory<string>();
    const ref = directory.refFor('panel 1', 'create');
    directory.bind('session-aaaaaaaaaaaa', 'panel 1');
    directory.forget('panel 1');
    assert.equal(directory.find({ ref }), undefined);
    assert.equal(directory.find({ sessionId: 'session-aaaaaaaaaaaa' }), undefined);
  });

  it('numbers panels with the smallest free number', () => {
    assert.equal(lowestFreeNumber([]), 1);
    assert.equal(lowestFreeNumber([1, 2]), 3);
    assert.equal(lowestFreeNumber([2, 3]), 1);
    assert.equal(lowestFreeNumber([1, 3]), 2);
  });
});
