/** Live figures of the received screen, read from getStats() as agents see them in the console. */
export interface VideoFigures {
  width: number;
  height: number;
  framesPerSecond: number;
  bitrateKbps: number;
  roundTripMs: number | null;
  framesDecoded: number;
  candidateType: string | null;
}

interface Sample {
  bytes: number;
  at: number;
}

export class VideoStatsReader {
  private previous: Sample | null = null;

  constructor(private readonly connection: RTCPeerConnection) {}

  async read(): Promise<VideoFigures | null> {
    const report = await this.connection.getStats();
    let inbound: Record<string, unknown> | null = null;
    let pair: Record<string, unknown> | null = null;
    const byId = new Map<string, Record<string, unknown>>();
    report.forEach((stat: Record<string, unknown>) => {
      byId.set(String(stat.id), stat);
      if (stat.type === 'inbound-rtp' && stat.kind === 'video') inbound = stat;
      if (stat.type === 'candidate-pair' && stat.state === 'succeeded' && (stat.nominated || !pair)) pair = stat;
    });
    const video = inbound as Record<string, unknown> | null;
    if (!video) return null;
    const bytes = Number(video.bytesReceived ?? 0);
    const at = Number(video.timestamp ?? Date.now());
    const bitrateKbps =
      this.previous && at > this.previous.at ? ((bytes - this.previous.bytes) * 8) / (at - this.previous.at) : 0;
    this.previous = { bytes, at };
    const chosen = pair as Record<string, unknown> | null;
    const rtt = chosen?.currentRoundTripTime;
    const local = chosen ? byId.get(String(chosen.localCandidateId)) : undefined;
    return {
      width: Number(video.frameWidth ?? 0),
      height: Number(video.frameHeight ?? 0),
      framesPerSecond: Number(video.framesPerSecond ?? 0),
      bitrateKbps: Math.round(bitrateKbps),
      roundTripMs: typeof rtt === 'number' ? Math.round(rtt * 1000) : null,
      framesDecoded: Number(video.framesDecoded ?? 0),
      candidateType: typeof local?.candidateType === 'string' ? local.candidateType : null,
    };
  }
}
