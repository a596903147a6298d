import { strict as assert } from 'node:assert';
import { PGP_EVEN_WORDS, PGP_ODD_WORDS } from '../../../renderer/shared/verification/pgpWords';
import { connectionWords, fingerprintOf, wordsForFingerprints } from '../../../renderer/shared/verification/verificationWords';
import { isSameConnection } from '../../../renderer/shared/verification/sameConnection';

const CUSTOMER = 'sha-256 ' + Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const AGENT = 'sha-256 ' + Array.from({ length: 32 }, (_, i) => (255 - i).toString(16).padStart(2, '0').toUpperCase()).join(':');
const sdpWith = (fingerprint: string) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=fingerprint:${fingerprint}\r\na=setup:actpass\r\n`;

describe('verification words', () => {
  it('uses the PGP word list: 256 distinct words for even and 256 for odd positions', () => {
    assert.equal(PGP_EVEN_WORDS.length, 256);
    assert.equal(PGP_ODD_WORDS.length, 256);
    assert.equal(new Set([...PGP_EVEN_WORDS, ...PGP_ODD_WORDS]).size, 512);
    assert.equal(PGP_EVEN_WORDS[0], 'aardvark');
    assert.equal(PGP_ODD_WORDS[255], 'yucatan');
  });

  it('reads the DTLS fingerprint from a description, in one spelling', () => {
    assert.equal(fingerprintOf(sdpWith(CUSTOMER.replace('sha-256', 'SHA-256').toLowerCase())), CUSTOMER);
    assert.equal(fingerprintOf('v=0\r\ns=-\r\n'), null);
  });

  it('gives both sides the same three words whichever fingerprint is theirs', async () => {
    const customer = await wordsForFingerprints(CUSTOMER, AGENT);
    const agent = await wordsForFingerprints(AGENT, CUSTOMER);
    assert.deepEqual(customer, agent);
    assert.equal(customer.length, 3);
    assert.ok(PGP_EVEN_WORDS.includes(customer[0]!) && PGP_ODD_WORDS.includes(customer[1]!) && PGP_EVEN_WORDS.includes(customer[2]!));
  });

  it('changes when either certificate changes (a relay in the middle has its own)', async () => {
    const relay = CUSTOMER.replace(/^sha-256 ../, 'sha-256 AB');
    assert.notDeepEqual(await wordsForFingerprints(CUSTOMER, AGENT), await wordsForFingerprints(relay, AGENT));
  });

  it('has no words before both descriptions are there', async () => {
    assert.equal(await connectionWords({ localDescription: { sdp: sdpWith(CUSTOMER), type: 'offer' } as RTCSessionDescription, remoteDescription: null }), null);
    const both = await connectionWords({
      localDescription: { sdp: sdpWith(CUSTOMER), type: 'offer' } as RTCSessionDescription,
      remoteDescription: { sdp: sdpWith(AGENT), type: 'answer' } as RTCSessionDescription,
    });
    assert.deepEqual(both, await wordsForFingerprints(CUSTOMER, AGENT));
  });
});

describe('telling a renegotiation from a new connection', () => {
  it('is the same connection when the offer carries the DTLS fingerprint already set, a new one otherwise', () => {
    const connected = { remoteDescription: { type: 'offer', sdp: sdpWith(CUSTOMER) } as RTCSessionDescription };
    assert.equal(isSameConnection(connected, `${sdpWith(CUSTOMER)}m=video 9 UDP/TLS/RTP/SAVPF 96\r\n`), true, 'the picture added to it');
    assert.equal(isSameConnection(connected, sdpWith(AGENT)), false, 'the customer reloaded: a new certificate');
    assert.equal(isSameConnection({ remoteDescription: null }, sdpWith(CUSTOMER)), false, 'nothing set yet');
    assert.equal(isSameConnection(connected, 'v=0\r\n'), false, 'an offer without a fingerprint');
  });
});
