import * as z from 'zod';

/**
 * Messages on the WebRTC data channel between the agent's console and the customer's sharer
 * (peer to peer: the server never sees them). Validated on receipt like every other message.
 */
export const MAX_PEER_CHANNEL_MESSAGE_CHARS = 1024;

/** The agent asks the sender to favour detail (sharp text) or motion (the default). */
const PictureQuality = z.object({ type: z.literal('picture.quality'), sharpText: z.boolean() });

/** A place on the shared surface, 0..1 from its left and top edge (independent of resolution and scaling). */
const Fraction = z.number().min(0).max(1);
export const MAX_STROKE_POINTS = 32;

/** The agent points at one spot ("Point"). */
const PointerPoint = z.object({ type: z.literal('pointer.point'), x: Fraction, y: Fraction }).strict();
/** A piece of a line the agent draws ("Draw"); a long line arrives as several pieces. */
const PointerStroke = z
  .object({ type: z.literal('pointer.stroke'), points: z.array(z.tuple([Fraction, Fraction])).min(2).max(MAX_STROKE_POINTS) })
  .strict();

export const PeerChannelMessage = z.discriminatedUnion('type', [PictureQuality, PointerPoint, PointerStroke]);
export type PeerChannelMessage = z.infer<typeof PeerChannelMessage>;
export type PointerMark = Extract<PeerChannelMessage, { type: 'pointer.point' | 'pointer.stroke' }>;
