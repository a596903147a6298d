import * as z from 'zod';
import { ReceiptId } from './receipt';
import { ErrorCode } from './errors';
import { KEY_LENGTH } from './securityKey';
import { PROTOCOL_VERSION } from './limits';
import { SignalData } from './signal';
import { AgentChatMessages, CustomerChatMessages, ServerChatMessages } from './chat';
import { SessionPhase, ShareSurface } from './sessionPhase';
import { PeerPresence, ResumeSession, ResumeToken, SessionResumed } from './resume';

/**
 * The wire protocol, one schema per message. Agents and customers each have their own inbound
 * union: a message type that is not in the sender's union is rejected, which is how roles are
 * enforced before any handler runs. Everything the server sends is one union too.
 */
export const Role = z.enum(['agent', 'customer']);
export type Role = z.infer<typeof Role>;

const SessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** Opaque correlation id a client may attach to a request; echoed in the reply or error. */
const Ref = z.string().max(64).optional();

export const Hello = z
  .object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    client: z.enum(['web', 'desktop', 'agent-console', 'test']),
    locale: z.string().max(35).optional(),
  })
  .strict();

// ---- agent → server ----
/** A contact center's or CRM's id of the call or ticket (the console's ?conversation=): kept with the session, in its audit events and webhooks. */
export const ConversationRef = z.string().regex(/^[\w.:@/-]{1,128}$/);
export const CreateSession = z.object({ type: z.literal('session.create'), ref: Ref, conversation: ConversationRef.optional() }).strict();
export const RenewKey = z.object({ type: z.literal('session.renewKey'), sessionId: SessionId, ref: Ref }).strict();
export const AgentEndSession = z.object({ type: z.literal('session.end'), sessionId: SessionId, ref: Ref }).strict();
export const AgentSignal = z.object({ type: z.literal('signal'), sessionId: SessionId, data: SignalData }).strict();

export const AgentMessage = z.discriminatedUnion('type', [
  Hello,
  CreateSession,
  RenewKey,
  AgentEndSession,
  AgentSignal,
  ResumeSession,
  ...AgentChatMessages,
]);
export type AgentMessage = z.infer<typeof AgentMessage>;

// ---- customer → server ----
/** A security key as typed, without spaces: its digits only. */
const KeyDigits = z.string().regex(new RegExp(`^\\d{${KEY_LENGTH}}$`));
export const ClaimKey = z
  .object({ type: z.literal('key.claim'), key: KeyDigits, ref: Ref })
  .strict();
/** The consent sentence exactly as the customer's page showed it; it is stored as the receipt. */
export const ConsentSentence = z
  .string()
  .min(10)
  .max(400)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'one line of text');
export const Consent = z
  .object({
    type: z.literal('consent'),
    decision: z.enum(['accept', 'decline']),
    sentence: ConsentSentence.optional(),
    language: z.enum(['en', 'de']).optional(),
  })
  .strict();
export const ShareResolution = z.object({ width: z.number().int().min(1).max(16384), height: z.number().int().min(1).max(16384) }).strict();
/** 'paused': the customer held the picture back (no frames leave the computer); 'sharing' again resumes it. */
export const ShareState = z
  .object({
    type: z.literal('share.state'),
    state: z.enum(['choosing', 'sharing', 'paused']),
    resolution: ShareResolution.optional(),
    /** With 'sharing': a whole screen or one window (the server refuses 'window' unless ALLOW_WINDOW_SHARE). */
    surface: ShareSurface.optional(),
  })
  .strict();
export const CustomerEndSession = z
  .object({ type: z.literal('session.end'), reason: z.enum(['stopped', 'declined', 'capture-failed']).optional() })
  .strict();
export const CustomerSignal = z.object({ type: z.literal('signal'), data: SignalData }).strict();
/**
 * Sent instead of key.claim by a browser that cannot share a screen (no getDisplayMedia, e.g. a
 * phone): the key is checked like a claim but stays unused, and its agent is told why nothing
 * follows. Answered with key.agentTold, or the same errors as key.claim.
 */
export const KeyCannotShare = z
  .object({ type: z.literal('key.cannotShare'), key: KeyDigits, ref: Ref })
  .strict();

export const CustomerMessage = z.discriminatedUnion('type', [
  Hello,
  ClaimKey,
  Consent,
  ShareState,
  CustomerEndSession,
  CustomerSignal,
  KeyCannotShare,
  ResumeSession,
  ...CustomerChatMessages,
]);
export type CustomerMessage = z.infer<typeof CustomerMessage>;

// ---- server → clients ----
/** One STUN/TURN server, as handed to clients (and as ICE_SERVERS configures them). */
export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const AgentIdentity = z.object({ displayName: z.string(), organisation: z.string() });
export type AgentIdentity = z.infer<typeof AgentIdentity>;

export const Welcome = z.object({
  type: z.literal('welcome'),
  protocol: z.literal(PROTOCOL_VERSION),
  role: Role,
  heartbeatIntervalMs: z.number().int().positive(),
  /** Servers anyone may use (STUN). TURN servers and their credentials come per session (session.ice). */
  iceServers: z.array(IceServer),
  /** 'relay' when the operator sends all media through TURN. */
  iceTransportPolicy: z.enum(['all', 'relay']).default('all'),
  agent: z.object({ username: z.string(), displayName: z.string(), organisation: z.string() }).optional(),
  /** For customers: the operator lets them share one window instead of a whole screen (ALLOW_WINDOW_SHARE). */
  windowShare: z.boolean().optional(),
});

/**
 * The ICE servers for one session, TURN credentials included (bound to the session and the
 * member's role, valid until expiresAt). Sent to the agent when the session opens, to the customer
 * when the key is accepted, to either on resume, and again before they lapse: a peer connection
 * made (or restarted) later must use the newest.
 */
export const SessionIce = z.object({
  type: z.literal('session.ice'),
  sessionId: SessionId,
  iceServers: z.array(IceServer),
  expiresAt: z.number().int().nullable(),
});

export const SessionKey = z.object({
  type: z.literal('session.key'),
  sessionId: SessionId,
  key: z.string(),
  expiresAt: z.number().int(),
  ref: Ref,
});

export { SessionPhase, ShareSurface };

export const SessionUpdate = z.object({
  type: z.literal('session.update'),
  sessionId: SessionId,
  phase: SessionPhase,
  /** While sharing or paused: what the customer shares ("whole screen" / "one window"). */
  surface: ShareSurface.optional(),
});

export const KeyAccepted = z.object({ type: z.literal('key.accepted'), sessionId: SessionId, agent: AgentIdentity, ref: Ref });

/** To a customer who sent key.cannotShare: the key is right, it stays unused, and this agent now knows. */
export const KeyAgentTold = z.object({ type: z.literal('key.agentTold'), agent: AgentIdentity, ref: Ref });

/** To the agent: the customer typed this session's key in a browser that cannot share a screen; the key still works elsewhere. */
export const CustomerCannotShare = z.object({ type: z.literal('session.customerCannotShare'), sessionId: SessionId });

/** The customer's consent is on the record: its receipt id and the server's time. */
export const ConsentRecorded = z.object({ type: z.literal('consent.recorded'), sessionId: SessionId, receipt: ReceiptId, at: z.number().int() });

export const RelayedSignal = z.object({ type: z.literal('signal'), sessionId: SessionId, from: Role, data: SignalData });

export const EndReason = z.enum([
  'ended',
  'declined',
  'capture-failed',
  'connection-lost',
  'signed-out',
  /** The agent's access ended: sign-in expired, password changed, account removed or disabled. */
  'access-revoked',
  'server-shutdown',
]);
export type EndReason = z.infer<typeof EndReason>;
export const EndedBy = z.enum(['agent', 'customer', 'server']);
export type EndedBy = z.infer<typeof EndedBy>;

export const SessionEnded = z.object({
  type: z.literal('session.ended'),
  sessionId: SessionId,
  by: EndedBy,
  reason: EndReason,
});

/** Why an agent's sign-in was ended by someone or something other than this console. */
export const RevocationReason = z.enum([
  'signed-out',
  'sign-in-expired',
  'password-changed',
  'account-removed',
  'account-disabled',
]);
export type RevocationReason = z.infer<typeof RevocationReason>;

/** To an agent console just before its socket is closed (4401): its sign-in no longer holds. */
export const AccessRevoked = z.object({ type: z.literal('access.revoked'), reason: RevocationReason });

export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string(),
  ref: Ref,
  /** For too-many-attempts and rate-limited: when trying again makes sense. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});

export const ServerMessage = z.discriminatedUnion('type', [
  Welcome,
  SessionIce,
  SessionKey,
  SessionUpdate,
  KeyAccepted,
  KeyAgentTold,
  CustomerCannotShare,
  ConsentRecorded,
  RelayedSignal,
  SessionEnded,
  AccessRevoked,
  ErrorMessage,
  ResumeToken,
  SessionResumed,
  PeerPresence,
  ...ServerChatMessages,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
export type AgentMessageOf<T extends AgentMessage['type']> = Extract<AgentMessage, { type: T }>;
export type CustomerMessageOf<T extends CustomerMessage['type']> = Extract<CustomerMessage, { type: T }>;
