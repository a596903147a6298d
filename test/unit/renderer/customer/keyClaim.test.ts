import assert from 'node:assert/strict';
import { CLAIM_TIMEOUT_MS, KeyClaim } from '../../../../renderer/customer/flow/keyClaim';
import { FakeClock, FakeLink } from './fakes';

describe('key claim', () => {
  it('takes only the answer to the latest key, and gives up when none comes in time', () => {
    const clock = new FakeClock();
    const link = new FakeLink();
    const claim = new KeyClaim(clock);
    let timedOut = 0;

    claim.send(link, '123 456', true, () => (timedOut += 1));
    const first = link.sentOf('key.claim')[0]?.ref;
    claim.send(link, '654-321', true, () => (timedOut += 1));
    const second = link.sentOf('key.claim')[1];

    assert.equal(second?.key, '654321', 'the key is sent as the server stores it');
    assert.equal(claim.answers(first), false, 'a late answer to the earlier key');
    clock.advance(CLAIM_TIMEOUT_MS);
    assert.equal(timedOut, 1, 'only the latest wait runs out');
    assert.equal(claim.answers(second?.ref), false, 'no answer is taken once the wait is over');
  });

  it('a browser that cannot share only checks the key; an answer ends the wait', () => {
    const clock = new FakeClock();
    const link = new FakeLink();
    const claim = new KeyClaim(clock);
    let timedOut = false;

    claim.send(link, '123456', false, () => (timedOut = true));
    assert.equal(link.sentOf('key.claim').length, 0);
    assert.equal(claim.answers(link.sentOf('key.cannotShare')[0]?.ref), true);
    clock.advance(CLAIM_TIMEOUT_MS);
    assert.equal(timedOut, false);
  });

  it('a block ends at its time, and not at all once the claim is stopped', () => {
    const clock = new FakeClock();
    const claim = new KeyClaim(clock);
    let unblocked = 0;

    claim.blockUntil(clock.now() + 90_000, () => (unblocked += 1));
    clock.advance(89_999);
    assert.equal(unblocked, 0);
    clock.advance(1);
    assert.equal(unblocked, 1);

    claim.blockUntil(clock.now() + 1_000, () => (unblocked += 1));
    claim.stop();
    clock.advance(1_000);
    assert.equal(unblocked, 1);
  });
});
