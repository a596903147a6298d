import type { Page } from 'playwright-core';

/**
 * What the sender and the receiver actually negotiated and did over the shaped link, to explain a
 * difference between ours and the plain pair: the video m-section's codecs in both descriptions,
 * the video sender's parameters and track hint, and the counters of getStats() that tell where the
 * picture waited (encoder rate control, retransmissions, key frame requests, the jitter buffer).
 */
export interface SenderDiagnostics {
  offerVideoCodecs: string[];
  answerVideoCodecs: string[];
  /** b=AS / b=TIAS lines and x-google bitrate fmtp parameters in either description. */
  bandwidthLines: string[];
  contentHint: string;
  parameters: Record<string, unknown>;
  outbound: Record<string, unknown>;
  remoteInbound: Record<string, unknown>;
  codec: string;
  availableOutgoingBitrate: number | undefined;
  roundTripMs: number | undefined;
  /** Data channels and their bytes, which share the link with the picture. */
  dataChannelBytesSent: number;
}

export type ReceiverDiagnostics = Record<string, unknown>;

export interface LinkDiagnostics {
  sender: SenderDiagnostics;
  receiver: ReceiverDiagnostics;
}

const OUTBOUND_FIELDS = [
  'framesEncoded',
  'framesSent',
  'keyFramesEncoded',
  'hugeFramesSent',
  'framesPerSecond',
  'frameWidth',
  'frameHeight',
  'qpSum',
  'targetBitrate',
  'bytesSent',
  'headerBytesSent',
  'packetsSent',
  'retransmittedBytesSent',
  'retransmittedPacketsSent',
  'nackCount',
  'pliCount',
  'firCount',
  'totalEncodeTime',
  'totalPacketSendDelay',
  'qualityLimitationReason',
  'qualityLimitationDurations',
  'qualityLimitationResolutionChanges',
  'encoderImplementation',
  'powerEfficientEncoder',
  'scalabilityMode',
  'active',
];

const INBOUND_FIELDS = [
  'framesReceived',
  'framesDecoded',
  'keyFramesDecoded',
  'framesDropped',
  'frameWidth',
  'qpSum',
  'packetsReceived',
  'packetsLost',
  'nackCount',
  'pliCount',
  'firCount',
  'jitterBufferDelay',
  'jitterBufferTargetDelay',
  'jitterBufferMinimumDelay',
  'jitterBufferEmittedCount',
  'totalAssemblyTime',
  'framesAssembledFromMultiplePackets',
  'totalDecodeTime',
  'totalProcessingDelay',
  'freezeCount',
  'totalFreezesDuration',
  'pauseCount',
  'decoderImplementation',
];

export function senderDiagnostics(page: Page): Promise<SenderDiagnostics> {
  return page.evaluate(async (fields) => {
    const pc = window.__bench.pcs.at(-1);
    if (!pc) throw new Error('no peer connection');
    const videoSection = (sdp: string | undefined) => sdp?.split(/\r?\nm=/).find((section) => section.startsWith('video')) ?? '';
    const codecs = (sdp: string | undefined) => {
      const section = videoSection(sdp);
      const order = (/^video \d+ \S+ ([\d ]+)/.exec(section)?.[1] ?? '').split(' ');
      const names = new Map([...section.matchAll(/a=rtpmap:(\d+) ([^\r\n]+)/g)].map((match) => [match[1], match[2]]));
      return order.map((pt) => `${pt} ${names.get(pt) ?? '?'}`);
    };
    const local = pc.localDescription?.sdp;
    const remote = pc.remoteDescription?.sdp;
    const [offer, answer] = pc.localDescription?.type === 'offer' ? [local, remote] : [remote, local];
    const bandwidthLines = [local, remote].flatMap((sdp) => (sdp ?? '').split(/\r?\n/).filter((line) => /^b=|x-google-/.test(line)));
    const sender = pc.getSenders().find((candidate) => candidate.track?.kind === 'video');
    const report = await pc.getStats();
    const pick = (stat: Record<string, unknown> | undefined, names: string[]) => Object.fromEntries(names.filter((name) => stat?.[name] !== undefined).map((name) => [name, stat?.[name]]));
    let outbound: Record<string, unknown> | undefined;
    let remoteInbound: Record<string, unknown> | undefined;
    let pair: Record<string, unknown> | undefined;
    let dataChannelBytesSent = 0;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'outbound-rtp' && stat.kind === 'video') outbound = stat;
      if (stat.type === 'remote-inbound-rtp' && stat.kind === 'video') remoteInbound = stat;
      if (stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded') pair = stat;
      if (stat.type === 'data-channel') dataChannelBytesSent += Number(stat.bytesSent ?? 0);
    });
    const codecStat = outbound?.codecId ? (report.get(outbound.codecId as string) as Record<string, unknown> | undefined) : undefined;
    return {
      offerVideoCodecs: codecs(offer),
      answerVideoCodecs: codecs(answer),
      bandwidthLines,
      contentHint: sender?.track?.contentHint ?? '(no track)',
      parameters: JSON.parse(JSON.stringify(sender?.getParameters() ?? {})) as Record<string, unknown>,
      outbound: pick(outbound, fields.outbound),
      remoteInbound: pick(remoteInbound, ['packetsLost', 'fractionLost', 'roundTripTime', 'jitter']),
      codec: `${String(codecStat?.mimeType ?? '?')} ${String(codecStat?.sdpFmtpLine ?? '')}`.trim(),
      availableOutgoingBitrate: pair?.availableOutgoingBitrate as number | undefined,
      roundTripMs: typeof pair?.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : undefined,
      dataChannelBytesSent,
    };
  }, { outbound: OUTBOUND_FIELDS });
}

export function receiverDiagnostics(page: Page): Promise<ReceiverDiagnostics> {
  return page.evaluate(async (fields) => {
    const pc = window.__bench.pcs.at(-1);
    if (!pc) throw new Error('no peer connection');
    const report = await pc.getStats();
    let inbound: Record<string, unknown> | undefined;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'inbound-rtp' && stat.kind === 'video') inbound = stat;
    });
    return Object.fromEntries(fields.filter((name) => inbound?.[name] !== undefined).map((name) => [name, inbound?.[name]]));
  }, INBOUND_FIELDS);
}

export async function linkDiagnostics(sender: Page, receiver: Page): Promise<LinkDiagnostics> {
  const [senderSide, receiverSide] = await Promise.all([senderDiagnostics(sender), receiverDiagnostics(receiver)]);
  return { sender: senderSide, receiver: receiverSide };
}
