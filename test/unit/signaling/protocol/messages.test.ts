import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { AgentMessage, CustomerMessage, ServerMessage, SignalData, parseMessage } from '../../../../signaling/protocol';

describe('protocol schemas', () => {
  it('accept well-formed messages of each role', () => {
    assert.ok(parseMessage(AgentMessage, JSON.stringify({ type: 'session.create', ref: 'a' })).ok);
    assert.ok(parseMessage(CustomerMessage, JSON.stringify({ type: 'key.claim', key: '123456789' })).ok);
    assert.ok(
      parseMessage(CustomerMessage, JSON.stringify({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } })).ok,
    );
  });

  it('reject a message type that belongs to the other role', () => {
    assert.equal(parseMessage(CustomerMessage, JSON.stringify({ type: 'session.create' })).ok, false);
    assert.equal(parseMessage(AgentMessage, JSON.stringify({ type: 'key.claim', key: '123456789' })).ok, false);
  });

  it('reject extra fields such as a forged sender', () => {
    const forged = { type: 'signal', from: 'agent', data: { type: 'offer', sdp: 'v=0' } };
    assert.equal(parseMessage(CustomerMessage, JSON.stringify(forged)).ok, false);
  });

  it('reject malformed keys, oversized SDP, and non-JSON', () => {
    assert.equal(parseMessage(CustomerMessage, JSON.stringify({ type: 'key.claim', key: '12345678a' })).ok, false);
    const huge = { type: 'signal', data: { type: 'offer', sdp: 'x'.repeat(100_000) } };
    assert.equal(parseMessage(CustomerMessage, JSON.stringify(huge)).ok, false);
    const result = parseMessage(CustomerMessage, '{oops');
    assert.deepEqual(result, { ok: false, error: 'not valid JSON' });
  });

  it('strip unknown fields from relayed signal data', () => {
    const parsed = SignalData.parse({ type: 'answer', sdp: 'v=0', sneaky: '<script>' });
    assert.deepEqual(parsed, { type: 'answer', sdp: 'v=0' });
  });

  it('never throw on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        parseMessage(AgentMessage, text);
        parseMessage(CustomerMessage, text);
        parseMessage(ServerMessage, text);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
