import assert from 'node:assert/strict';
import { withStartBitrate } from '../../../../renderer/shared/startBitrate';

const answer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=mid:0',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 transport-cc',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:98 VP9/90000',
  'a=fmtp:98 profile-id=0',
  '',
].join('\r\n');

describe('the picture’s start rate in the agent’s answer', () => {
  it('gives every picture codec of a video section the start rate, leaving retransmission and the data channel alone', () => {
    const lines = withStartBitrate(answer, 1500).split('\r\n');
    assert.deepEqual(lines.slice(6), [
      'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98',
      'a=mid:1',
      'a=rtpmap:96 VP8/90000',
      'a=fmtp:96 x-google-start-bitrate=1500',
      'a=rtcp-fb:96 transport-cc',
      'a=rtpmap:97 rtx/90000',
      'a=fmtp:97 apt=96',
      'a=rtpmap:98 VP9/90000',
      'a=fmtp:98 profile-id=0;x-google-start-bitrate=1500',
      '',
    ]);
    assert.deepEqual(lines.slice(0, 6), answer.split('\r\n').slice(0, 6));
  });

  it('changes nothing without a video section, and nothing twice', () => {
    const dataOnly = answer.split('m=video')[0] ?? '';
    assert.equal(withStartBitrate(dataOnly, 1500), dataOnly);
    const once = withStartBitrate(answer, 1500);
    assert.equal(withStartBitrate(once, 1500), once);
  });
});
