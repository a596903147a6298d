import { strict as assert } from 'node:assert';
import { AgentResumeMemory } from '../../../../renderer/agent-console/sessions/agentResumeMemory';
import { sessionStatus, type SessionStage } from '../../../../renderer/agent-console/sessions/sessionStatus';
import { english } from './english';

const sharing: SessionStage = { stage: 'active', phase: 'sharing', keyExpiredLocally: false, streaming: true };
const say = (stage: SessionStage) => english.translate(sessionStatus(stage).text);

/** A Storage stand-in: what a page's sessionStorage would keep across a reload. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
  asStorage = () => this as unknown as Storage;
}

describe('agent console while a session is being resumed', () => {
  it('says "Reconnecting…" while our own connection is down or after a reload', () => {
    assert.equal(say({ ...sharing, reconnecting: true }), 'Reconnecting…');
    assert.equal(say({ stage: 'resuming' }), 'Reconnecting…');
  });

  it('says the customer is away while their connection is down, and the usual status once they are back', () => {
    assert.equal(say({ ...sharing, customerAway: true }), "Reconnecting… The customer's connection dropped; waiting for them to come back.");
    assert.equal(say({ ...sharing, customerAway: false }), "Sharing: you can see the customer's screen");
  });

  it('after a reload, a key nobody entered yet is still waiting: no "connection dropped" for a customer who never came', () => {
    const waiting: SessionStage = { stage: 'active', phase: 'waiting', keyExpiredLocally: false, streaming: false, customerAway: true };
    assert.equal(say(waiting), 'Waiting for the customer to enter the key');
    assert.equal(say({ ...waiting, phase: 'key-expired' }), 'The key expired. Create a new key to continue.');
  });

  it('remembers the label and the start time for the reload', () => {
    const storage = new MemoryStorage();
    new AgentResumeMemory(storage.asStorage()).save({ sessionId: 's-1', token: 't', graceMs: 1, number: 1, label: 'CC-1', startedAt: 5 });
    assert.deepEqual(new AgentResumeMemory(storage.asStorage()).get('s-1'), {
      sessionId: 's-1',
      token: 't',
      graceMs: 1,
      number: 1,
      label: 'CC-1',
      startedAt: 5,
    });
  });

  it('keeps resume tokens across a reload of the same tab, and forgets them one by one', () => {
    const storage = new MemoryStorage();
    const before = new AgentResumeMemory(storage.asStorage());
    before.save({ sessionId: 's-1', token: 't1', graceMs: 60_000, number: 1 });
    before.save({ sessionId: 's-2', token: 't2', graceMs: 60_000, number: 2 });
    before.save({ sessionId: 's-1', token: 't1-fresh', graceMs: 60_000, number: 1 });
    const after = new AgentResumeMemory(storage.asStorage());
    assert.deepEqual(after.get('s-1')?.token, 't1-fresh', 'a fresh token replaces the used one');
    after.forget('s-2');
    assert.deepEqual(new AgentResumeMemory(storage.asStorage()).all().map((entry) => entry.sessionId), ['s-1']);
  });

  it('remembers which chat a share belongs to, so the reloaded panel goes back into it', () => {
    const storage = new MemoryStorage();
    new AgentResumeMemory(storage.asStorage()).save({
      sessionId: 's-3',
      token: 't3',
      graceMs: 60_000,
      number: 1,
      conversationId: 'c_aaaaaaaaaaaaaaaaaaaa',
    });
    assert.equal(new AgentResumeMemory(storage.asStorage()).get('s-3')?.conversationId, 'c_aaaaaaaaaaaaaaaaaaaa');
    storage.setItem('screenshare.agent.resume', JSON.stringify([{ sessionId: 's', token: 't', graceMs: 1, number: 1, conversationId: 7 }]));
    assert.deepEqual(new AgentResumeMemory(storage.asStorage()).all(), [], 'a malformed conversation id is not trusted');
  });

  it('ignores what it cannot read', () => {
    const storage = new MemoryStorage();
    storage.setItem('screenshare.agent.resume', '{not json');
    assert.deepEqual(new AgentResumeMemory(storage.asStorage()).all(), []);
    storage.setItem('screenshare.agent.resume', JSON.stringify([{ sessionId: 1 }]));
    assert.deepEqual(new AgentResumeMemory(storage.asStorage()).all(), []);
  });
});
