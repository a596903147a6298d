/**
 * Chromium starts the bandwidth estimate of a new video at 300 kbit/s and ramps up from there: the
 * first key frame of a 1080p screen is encoded for that rate and paced out at it, which is most
 * of the wait between a negotiated picture and its first frame at the agent. libwebrtc reads a
 * start rate from the send codec's `x-google-start-bitrate` (kbit/s), i.e. from the fmtp lines of
 * the remote description, so the customer's page writes it into the agent's answer before
 * applying it. The estimate still adapts from there: on a slower uplink it comes down within
 * the first second.
 */
export const PICTURE_START_KBPS = 1_500;

const VIDEO_CODECS = new Set(['VP8', 'VP9', 'H264', 'AV1']);

/** The SDP with every picture codec of its video sections starting at `kbps`. */
export function withStartBitrate(sdp: string, kbps: number): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const out: string[] = [];
  let section: string[] = [];
  const flush = () => {
    out.push(...(section[0]?.startsWith('m=video ') ? tuneSection(section, kbps) : section));
    section = [];
  };
  for (const line of lines) {
    if (line.startsWith('m=')) flush();
    section.push(line);
  }
  flush();
  return out.join(eol);
}

function tuneSection(lines: string[], kbps: number): string[] {
  const param = `x-google-start-bitrate=${kbps}`;
  const codecs = new Set<string>();
  for (const line of lines) {
    const rtpmap = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
    if (rtpmap?.[1] && rtpmap[2] && VIDEO_CODECS.has(rtpmap[2].toUpperCase())) codecs.add(rtpmap[1]);
  }
  const withFmtp = new Set<string>();
  const tuned = lines.map((line) => {
    const fmtp = /^a=fmtp:(\d+) /.exec(line);
    if (!fmtp?.[1] || !codecs.has(fmtp[1])) return line;
    withFmtp.add(fmtp[1]);
    return line.includes('x-google-start-bitrate=') ? line : `${line};${param}`;
  });
  return tuned.flatMap((line) => {
    const rtpmap = /^a=rtpmap:(\d+) /.exec(line);
    const pt = rtpmap?.[1];
    return pt && codecs.has(pt) && !withFmtp.has(pt) ? [line, `a=fmtp:${pt} ${param}`] : [line];
  });
}
