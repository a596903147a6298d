import * as z from 'zod';
import { SessionPhase, ShareSurface } from './sessionPhase';

/**
 * Resuming a session after a reload or a dropped connection. On joining a session each member
 * gets a resume token (and a fresh one after every resume): single use, bound to the session and
 * the member's role, worthless once the session has ended (which it does when a member stays
 * away longer than the grace period).
 */
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const Ref = z.string().max(64).optional();
/** 32 random bytes, base64url. */
const ResumeTokenText = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

// ---- both roles → server ----
export const ResumeSession = z
  .object({
    type: z.literal('session.resume'),
    token: ResumeTokenText,
    /** False when this side lost its peer connection (page reload): the other side must start a new one. */
    hasPeer: z.boolean(),
    ref: Ref,
  })
  .strict();

// ---- server → clients ----
export const ResumeToken = z.object({
  type: z.literal('session.token'),
  sessionId: SessionId,
  token: ResumeTokenText,
  /** How long the server keeps the session for a member who went away. */
  graceMs: z.number().int().positive(),
});

export const SessionResumed = z.object({
  type: z.literal('session.resumed'),
  sessionId: SessionId,
  phase: SessionPhase,
  /** Whether the other member is connected right now ('none': no customer has joined yet). */
  peer: z.enum(['present', 'away', 'none']),
  /** For the customer: who they are sharing with. */
  agent: z.object({ displayName: z.string(), organisation: z.string() }).optional(),
  /** For the agent while the key is still unused. */
  key: z.string().nullable().optional(),
  keyExpiresAt: z.number().int().nullable().optional(),
  /** For the agent while sharing or paused: a whole screen or one window. */
  surface: ShareSurface.optional(),
  ref: Ref,
});

export const PeerPresence = z.object({
  type: z.literal('session.peer'),
  sessionId: SessionId,
  state: z.enum(['away', 'back']),
  /** With 'back': the other side reloaded and has no peer connection; the sender starts a new one. */
  needsNewPeer: z.boolean().optional(),
});
