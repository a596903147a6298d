import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { AgentMessage, CustomerMessage, ServerMessage, SignalData, parseMessage, signalCarriesMedia } from '../../../../signaling/protocol';

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

describe('signals that negotiate media (refused before consent)', () => {
  const sdp = (...sections: string[]) => ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...sections, ''].join('\r\n');
  it('a description with a video or audio section, or a transceiver request, carries media', () => {
    assert.equal(signalCarriesMedia({ type: 'offer', sdp: sdp('m=video 9 UDP/TLS/RTP/SAVPF 96') }), true);
    assert.equal(signalCarriesMedia({ type: 'answer', sdp: sdp('m=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'm=audio 9 UDP/TLS/RTP/SAVPF 111') }), true);
    assert.equal(signalCarriesMedia({ type: 'transceiverRequest', transceiverRequest: { kind: 'video' } }), true);
  });
  it('a data channel alone, a candidate or a renegotiation request does not', () => {
    assert.equal(signalCarriesMedia({ type: 'offer', sdp: sdp('m=application 9 UDP/DTLS/SCTP webrtc-datachannel') }), false);
    assert.equal(signalCarriesMedia({ type: 'offer', sdp: sdp('a=x-note:m=video 9') }), false, 'only a line that starts a section counts');
    assert.equal(signalCarriesMedia({ type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host' } }), false);
    assert.equal(signalCarriesMedia({ type: 'renegotiate', renegotiate: true }), false);
  });
});
