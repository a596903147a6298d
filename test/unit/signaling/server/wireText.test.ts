import { strict as assert } from 'node:assert';
import { RelayedSignal, type ServerMessage } from '../../../../signaling/protocol';
import { sameJson, stampedSignalText, wireTextOf, withWireText } from '../../../../signaling/server/context/wireText';

const data = {
  type: 'candidate',
  candidate: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host', sdpMLineIndex: 0, sdpMid: '0' },
} as const;
const sessionId = 'sess_0123456789abcdefghij';

/** How often a key occurs in a JSON text (JSON.parse would hide a duplicate: the last one wins). */
const occurrences = (text: string, key: string) => text.split(`"${key}":`).length - 1;

describe('relayed signal text', () => {
  it('stamps a customer frame with the sender and its session, every key once, valid protocol', () => {
    const text = stampedSignalText(JSON.stringify({ type: 'signal', data }), 'customer', sessionId);
    const message: unknown = JSON.parse(text);
    assert.deepEqual(message, { type: 'signal', sessionId, from: 'customer', data });
    assert.ok(RelayedSignal.strict().safeParse(message).success);
    assert.deepEqual(['sessionId', 'from'].map((key) => occurrences(text, key)), [1, 1]);
  });

  it('stamps an agent frame (which names its session) with the sender only', () => {
    const text = stampedSignalText(` \n{"type":"signal","sessionId":"${sessionId}","data":${JSON.stringify(data)}}`, 'agent', undefined);
    assert.deepEqual(JSON.parse(text), { type: 'signal', sessionId, from: 'agent', data });
    assert.deepEqual(['sessionId', 'from'].map((key) => occurrences(text, key)), [1, 1]);
  });

  it('sends the carried text, and serialises a message that carries none', () => {
    const plain: ServerMessage = { type: 'signal', sessionId, from: 'agent', data };
    assert.equal(wireTextOf(plain), JSON.stringify(plain));
    const carried = withWireText({ ...plain }, '{"carried":true}');
    assert.equal(wireTextOf(carried), '{"carried":true}');
    assert.equal(JSON.stringify(carried), JSON.stringify(plain), 'a router that serialises the message itself sends the same content');
  });

  it('tells a frame whose validation stripped or changed anything from one it left as it was', () => {
    assert.equal(sameJson({ a: 1, b: { c: [1, 'x'] } }, { b: { c: [1, 'x'] }, a: 1 }), true);
    assert.equal(sameJson({ a: 1, b: { c: 1, extra: true } }, { a: 1, b: { c: 1 } }), false, 'a stripped field');
    assert.equal(sameJson({ a: 1 }, { a: 1, d: 'default' }), false, 'an added field');
    assert.equal(sameJson({ a: ' x' }, { a: 'x' }), false, 'a changed value');
    assert.equal(sameJson({ a: [1] }, { a: { 0: 1 } }), false, 'an array is not an object');
    assert.equal(sameJson({ a: null }, { a: undefined }), false);
  });
});
