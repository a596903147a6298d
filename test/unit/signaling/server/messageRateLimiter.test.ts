import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import {
  MESSAGE_WINDOW_SECONDS,
  MESSAGES_PER_WINDOW,
  MessageRateLimiter,
} from '../../../../signaling/server/limits/messageRateLimiter';

describe('per-connection message limit', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date'] });
  });
  afterEach(() => clock.uninstall());

  it('lets a window of messages through, drops the rest, and opens a new window when it has passed', () => {
    const limiter = new MessageRateLimiter();
    for (let i = 0; i < MESSAGES_PER_WINDOW; i++) assert.equal(limiter.allow('a'), true);
    assert.equal(limiter.allow('a'), false);
    assert.equal(limiter.allow('b'), true, 'other connections are unaffected');
    clock.tick(MESSAGE_WINDOW_SECONDS * 1000 - 1);
    assert.equal(limiter.allow('a'), false, 'still the same window');
    clock.tick(1);
    assert.equal(limiter.allow('a'), true);
  });

  it('starts afresh for a connection it was told to forget', () => {
    const limiter = new MessageRateLimiter();
    for (let i = 0; i <= MESSAGES_PER_WINDOW; i++) limiter.allow('a');
    limiter.forget('a');
    assert.equal(limiter.allow('a'), true);
  });
});
