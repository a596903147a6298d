import * as z from 'zod';
import { ReceiptId } from './receipt';

/**
 * The web-chat flow (see docs/protocol.md, "Chat"): a customer chats with one assigned agent and
 * the agent can ask, inside the chat, to see the customer's screen. Chat text is plain text of
 * at most MAX_CHAT_TEXT_CHARS characters; clients render it as text, never as HTML.
 */
export const MAX_CHAT_TEXT_CHARS = 2000;
export const MAX_CUSTOMER_NAME_CHARS = 80;
/** How many entries of a conversation the server keeps and replays on resume. */
export const MAX_CHAT_HISTORY = 500;

export const ConversationId = z.string().regex(/^c_[A-Za-z0-9_-]{16,64}$/);
/** The customer's proof of being the conversation's customer; kept by the browser, revocable. */
export const ConversationToken = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/);
const ShareSessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const Ref = z.string().max(64).optional();
/** The sender's own id for a message, echoed back so it can match its optimistic copy. */
const ClientMessageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Characters no chat text may hold: control characters (a message may keep line breaks and tabs)
 * and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make text
 * read differently from what it is ("\u202Eexe.pdf" shows as "fdp.exe").
 */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Everything a name may not hold (no line breaks either); the chat page strips these before sending. */
export const UNSAFE_NAME_CHARS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

const ChatText = z
  .string()
  .max(MAX_CHAT_TEXT_CHARS)
  .refine((text) => !CONTROL_IN_TEXT.test(text), 'control characters are not allowed')
  .refine((text) => !BIDI_CONTROL.test(text), 'bidi control characters are not allowed')
  .refine((text) => text.trim().length > 0, 'a message needs some text');

/** The customer's name: the same rules as chat text, and one line. */
const CustomerName = z
  .string()
  .trim()
  .max(MAX_CUSTOMER_NAME_CHARS)
  .refine((name) => !new RegExp(UNSAFE_NAME_CHARS.source).test(name), 'control and bidi control characters are not allowed');

// ---- customer → server ----
export const ChatStart = z
  .object({
    type: z.literal('chat.start'),
    name: CustomerName.optional(),
    ref: Ref,
  })
  .strict();
export const ChatResume = z.object({ type: z.literal('chat.resume'), token: ConversationToken, ref: Ref }).strict();
export const CustomerChatSend = z
  .object({ type: z.literal('chat.send'), text: ChatText, clientId: ClientMessageId })
  .strict();
export const CustomerChatTyping = z.object({ type: z.literal('chat.typing'), typing: z.boolean() }).strict();
/** "No thanks" on a screen-share request. Accepting goes through the normal key.claim instead. */
export const ChatShareDecline = z.object({ type: z.literal('chat.share.decline'), sessionId: ShareSessionId }).strict();

/** "End chat" on the customer's page: the conversation ends for good and its token is revoked. */
export const ChatEnd = z.object({ type: z.literal('chat.end') }).strict();

export const CustomerChatMessages = [
  ChatStart,
  ChatResume,
  CustomerChatSend,
  CustomerChatTyping,
  ChatShareDecline,
  ChatEnd,
] as const;

// ---- agent → server ----
export const ChatInboxWatch = z.object({ type: z.literal('chat.inbox.watch') }).strict();
export const ChatTake = z.object({ type: z.literal('chat.take'), conversationId: ConversationId, ref: Ref }).strict();
export const AgentChatSend = z
  .object({ type: z.literal('chat.send'), conversationId: ConversationId, text: ChatText, clientId: ClientMessageId })
  .strict();
export const AgentChatTyping = z
  .object({ type: z.literal('chat.typing'), conversationId: ConversationId, typing: z.boolean() })
  .strict();
/** Creates a screen-share session for this conversation; answered with a normal `session.key` (same ref). */
export const ChatShareRequest = z
  .object({ type: z.literal('chat.share.request'), conversationId: ConversationId, ref: Ref })
  .strict();
export const ChatClose = z.object({ type: z.literal('chat.close'), conversationId: ConversationId }).strict();

export const AgentChatMessages = [ChatInboxWatch, ChatTake, AgentChatSend, AgentChatTyping, ChatShareRequest, ChatClose] as const;

// ---- server → clients ----
export const ChatAuthor = z.enum(['customer', 'agent', 'system']);
export type ChatAuthor = z.infer<typeof ChatAuthor>;

/** What a system entry reports; each client words it in its own language. */
export const ChatSystemEvent = z.enum([
  'agent-joined',
  'share-requested',
  'share-started',
  'share-declined',
  'share-expired',
  'share-ended',
  'chat-closed',
  /** The customer consented to the screen share: `receipt` is what their page shows. */
  'consent-recorded',
]);
export type ChatSystemEvent = z.infer<typeof ChatSystemEvent>;

/** A screen-share request's key; only ever sent to the conversation's customer. */
export const ChatShareOffer = z.object({ key: z.string(), expiresAt: z.number().int() });

export const ChatEntry = z.object({
  /** Server-assigned, 1, 2, 3… within a conversation: the order everyone shows. */
  seq: z.number().int().positive(),
  at: z.number().int(),
  from: ChatAuthor,
  /** For customer and agent entries. */
  text: z.string().max(MAX_CHAT_TEXT_CHARS).optional(),
  /** Display name of the person (agent entries, system entries about an agent). */
  name: z.string().max(200).optional(),
  clientId: ClientMessageId.optional(),
  event: ChatSystemEvent.optional(),
  /** The screen share a system entry is about. */
  sessionId: ShareSessionId.optional(),
  share: ChatShareOffer.optional(),
  by: z.enum(['agent', 'customer', 'server']).optional(),
  reason: z.string().max(40).optional(),
  /** A consent receipt id (event consent-recorded): finds the consent in the audit trail. */
  receipt: ReceiptId.optional(),
});
export type ChatEntry = z.infer<typeof ChatEntry>;

export const ConversationState = z.enum(['waiting', 'assigned', 'closed']);
export type ConversationState = z.infer<typeof ConversationState>;

export const ConversationSummary = z.object({
  conversationId: ConversationId,
  customerName: z.string().max(MAX_CUSTOMER_NAME_CHARS).nullable(),
  startedAt: z.number().int(),
  /** The newest customer text, shortened, so the agent sees what the customer wants. */
  preview: z.string().max(200),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** The whole conversation: to the customer after start/resume (with its token), to the agent after taking it. */
export const ChatConversation = z.object({
  type: z.literal('chat.conversation'),
  conversationId: ConversationId,
  state: ConversationState,
  token: ConversationToken.optional(),
  customerName: z.string().max(MAX_CUSTOMER_NAME_CHARS).nullable(),
  agentName: z.string().max(200).nullable(),
  entries: z.array(ChatEntry).max(MAX_CHAT_HISTORY),
  ref: Ref,
});
export const ChatMessage = z.object({ type: z.literal('chat.message'), conversationId: ConversationId, entry: ChatEntry });
export const ChatTypingUpdate = z.object({
  type: z.literal('chat.typing'),
  conversationId: ConversationId,
  from: z.enum(['customer', 'agent']),
  typing: z.boolean(),
});
/** Waiting conversations, sent in full to every watching agent whenever the list changes. */
export const ChatInbox = z.object({ type: z.literal('chat.inbox'), waiting: z.array(ConversationSummary).max(100) });
export const ChatStateUpdate = z.object({
  type: z.literal('chat.state'),
  conversationId: ConversationId,
  state: ConversationState,
  agentName: z.string().max(200).nullable(),
});

export const ServerChatMessages = [ChatConversation, ChatMessage, ChatTypingUpdate, ChatInbox, ChatStateUpdate] as const;
