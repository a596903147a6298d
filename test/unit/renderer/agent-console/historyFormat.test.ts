import { strict as assert } from 'node:assert';
import { EndReason } from '../../../../signaling/protocol';
import type { TimelineEvent } from '../../../../signaling/protocol/history';
import { eventFacts, type EventFact } from '../../../../renderer/agent-console/history/historyFormat';
import { english, german } from './english';

const event = (type: string, details: Record<string, unknown>, more: Partial<TimelineEvent> = {}): TimelineEvent => ({
  seq: 1,
  at: '2026-12-01T14:02:00.000Z',
  type,
  actor: 'server',
  agent: 'jane',
  details,
  receipt: null,
  customerAddress: null,
  ...more,
});

const read = (facts: EventFact[], translator: typeof english) => facts.map((fact) => (typeof fact === 'string' ? fact : translator.translate(fact)));

describe('the history timeline facts', () => {
  it('says why a share ended in words, in English and in German', () => {
    const ended = eventFacts(event('share.ended', { by: 'server', reason: 'connection-lost', sharingMs: 90_000 }));
    assert.deepEqual(read(ended, english), ['connection lost', '1:30']);
    assert.deepEqual(read(ended, german), ['Verbindung unterbrochen', '1:30']);
  });

  it("says the customer's answer to a chat request and the consent's language in words", () => {
    assert.deepEqual(read(eventFacts(event('chat.share-answered', { answer: 'declined' })), german), ['abgelehnt']);
    assert.deepEqual(read(eventFacts(event('chat.share-answered', { answer: 'accepted' })), english), ['accepted']);
    const consent = eventFacts(event('consent.given', { sentence: 'Jane from Acme wants to see your screen', language: 'de' }, { receipt: '7F3K-Q2LM' }));
    assert.deepEqual(read(consent, german), ['“Jane from Acme wants to see your screen”', 'Deutsch', '7F3K-Q2LM']);
  });

  it('has words for every reason a session can end with', () => {
    for (const reason of [...EndReason.options, 'server-lost']) {
      const [fact] = eventFacts(event('share.ended', { reason }));
      assert.ok(fact !== undefined && typeof fact !== 'string', `no words for ${reason}`);
      assert.notEqual(german.translate(fact), english.translate(fact), `${reason} is not translated into German`);
    }
  });

  it('shows a value it has no words for as it was stored', () => {
    assert.deepEqual(read(eventFacts(event('share.ended', { reason: 'something-new' })), german), ['something-new']);
  });
});
