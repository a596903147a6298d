import assert from 'node:assert/strict';
import { EndReason, EndedBy } from '../../../../signaling/protocol';
import { endTexts, outcomeFromEnded, type EndOutcome } from '../../../../renderer/customer/flow/endOutcome';
import { wordsIn } from './words';

describe('how the end of a share is told to the customer', () => {
  it('maps who ended it and why to one outcome', () => {
    assert.equal(outcomeFromEnded('agent', 'ended'), 'agent-ended');
    assert.equal(outcomeFromEnded('customer', 'ended'), 'stopped');
    assert.equal(outcomeFromEnded('server', 'ended'), 'server-ended');
    assert.equal(outcomeFromEnded('server', 'connection-lost'), 'connection-lost');
    assert.equal(outcomeFromEnded('customer', 'declined'), 'declined');
    assert.equal(outcomeFromEnded('customer', 'capture-failed'), 'cancelled');
    assert.equal(outcomeFromEnded('agent', 'signed-out'), 'agent-signed-out');
    assert.equal(outcomeFromEnded('server', 'server-shutdown'), 'server-shutdown');
  });

  it('uses the exact sentences the brief asks for', async () => {
    const say = await wordsIn('en');
    const message = (outcome: EndOutcome) => say(endTexts(outcome, 'Alice Example').message);
    assert.equal(message('stopped'), 'You stopped sharing your screen.');
    assert.equal(message('agent-ended'), 'Alice Example ended the screen share.');
    assert.equal(message('connection-lost'), 'The connection was lost.');
    assert.equal(message('declined'), 'You declined. Your screen was not shared.');
  });

  it('says every outcome in both languages with the agent named where it matters', async () => {
    for (const locale of ['en', 'de'] as const) {
      const say = await wordsIn(locale);
      for (const by of EndedBy.options) {
        for (const reason of EndReason.options) {
          const words = endTexts(outcomeFromEnded(by, reason), 'Alice');
          for (const ref of [words.heading, words.message, words.hint]) {
            assert.doesNotMatch(say(ref), /^ended\.|\{\{/, `${locale} ${by}/${reason}`);
          }
        }
      }
      assert.match(say(endTexts('agent-ended', 'Alice').message), /Alice/);
      assert.match(say(endTexts('agent-signed-out', 'Alice').message), /Alice/);
      assert.match(say(endTexts('unsupported', 'Alice').message), /Alice/, 'the customer learns that the agent knows');
    }
  });

  it('never asks "Do you want to share again?" after the customer declined', async () => {
    for (const locale of ['en', 'de'] as const) {
      const say = await wordsIn(locale);
      const hint = say(endTexts('declined', 'Alice').hint);
      assert.doesNotMatch(hint, /share again|erneut teilen|noch einmal teilen/i, locale);
    }
  });
});
