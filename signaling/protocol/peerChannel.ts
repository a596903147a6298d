import * as z from 'zod';

/**
 * Messages on the WebRTC data channel between the agent's console and the customer's sharer
 * (peer to peer: the server never sees them). Validated on receipt like every other message.
 */
export const MAX_PEER_CHANNEL_MESSAGE_CHARS = 1024;

/** The agent asks the sender to favour detail (sharp text) or motion (the default). */
const PictureQuality = z.object({ type: z.literal('picture.quality'), sharpText: z.boolean() });

export const PeerChannelMessage = z.discriminatedUnion('type', [PictureQuality]);
export type PeerChannelMessage = z.infer<typeof PeerChannelMessage>;
