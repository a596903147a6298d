import * as z from 'zod';
import { MAX_CANDIDATE_CHARS, MAX_SDP_CHARS } from './limits';

/**
 * The WebRTC signaling payloads simple-peer emits. Unknown fields are stripped, so the server only
 * ever relays what these schemas describe.
 */
const SdpSignal = z.object({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(MAX_SDP_CHARS),
});

const CandidateSignal = z.object({
  type: z.literal('candidate'),
  candidate: z.object({
    candidate: z.string().max(MAX_CANDIDATE_CHARS),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    sdpMid: z.string().max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  }),
});

const RenegotiateSignal = z.object({ type: z.literal('renegotiate'), renegotiate: z.literal(true) });

const TransceiverRequestSignal = z.object({
  type: z.literal('transceiverRequest'),
  transceiverRequest: z.object({
    kind: z.enum(['audio', 'video']),
    init: z.object({ direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional() }).optional(),
  }),
});

export const SignalData = z.union([SdpSignal, CandidateSignal, RenegotiateSignal, TransceiverRequestSignal]);
export type SignalData = z.infer<typeof SignalData>;

const MEDIA_SECTION = /^m=(?:audio|video) /m;

/**
 * Whether a signal negotiates a picture (or sound): an offer or answer with an audio or video
 * section, or a request for one. Before the customer consents, only a connection without media
 * (the data channel) may be negotiated.
 */
export function signalCarriesMedia(data: SignalData): boolean {
  if (data.type === 'transceiverRequest') return true;
  return 'sdp' in data && MEDIA_SECTION.test(data.sdp);
}
