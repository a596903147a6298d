import * as z from 'zod';

/** What the agent's side of a session has reached, as the server sees it. */
export const SessionPhase = z.enum(['waiting', 'key-expired', 'key-entered', 'choosing-screen', 'sharing', 'paused']);
export type SessionPhase = z.infer<typeof SessionPhase>;
