import * as z from 'zod';

/** What the agent's side of a session has reached, as the server sees it. */
export const SessionPhase = z.enum(['waiting', 'key-expired', 'key-entered', 'choosing-screen', 'sharing', 'paused']);
export type SessionPhase = z.infer<typeof SessionPhase>;

/** What the customer shares: a whole screen, or (when the operator allows it, ALLOW_WINDOW_SHARE) one window. */
export const ShareSurface = z.enum(['screen', 'window']);
export type ShareSurface = z.infer<typeof ShareSurface>;
