/**
 * How the customer's browser encodes the screen. Both modes keep the full resolution; "sharp text"
 * (asked for by the agent) trades frame rate for bits per frame, so small text stays crisp.
 */
export interface SenderTuning {
  readonly maxBitrate: number;
  readonly maxFramerate: number | undefined;
  readonly contentHint: 'detail' | 'text';
}

/** High enough for sharp 1080p text; the browser lowers it when the network can't carry it. */
export const NORMAL_TUNING: SenderTuning = { maxBitrate: 8_000_000, maxFramerate: undefined, contentHint: 'detail' };
export const SHARP_TEXT_TUNING: SenderTuning = { maxBitrate: 12_000_000, maxFramerate: 5, contentHint: 'text' };

/** `scaleDownBy` above 1 only for a new picture's first frame (reducedFirstFrame.ts). */
export async function applySenderTuning(connection: RTCPeerConnection, tuning: SenderTuning, scaleDownBy = 1): Promise<void> {
  // Every video sender, also one prepared before its track (the capture) arrived.
  for (const { sender, receiver, direction } of connection.getTransceivers()) {
    if (receiver.track.kind !== 'video' || direction === 'stopped' || direction === 'recvonly' || direction === 'inactive') continue;
    if (sender.track) sender.track.contentHint = tuning.contentHint;
    const parameters = sender.getParameters();
    parameters.degradationPreference = 'maintain-resolution';
    for (const encoding of parameters.encodings ?? []) {
      encoding.maxBitrate = tuning.maxBitrate;
      encoding.scaleResolutionDownBy = scaleDownBy;
      if (tuning.maxFramerate === undefined) delete encoding.maxFramerate;
      else encoding.maxFramerate = tuning.maxFramerate;
    }
    try {
      await sender.setParameters(parameters);
    } catch (error) {
      console.warn('could not tune the screen encoder', error);
    }
  }
}
