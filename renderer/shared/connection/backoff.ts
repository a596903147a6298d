/**
 * Delays between reconnect attempts: quick at first (a reload or a blip is over in a second),
 * then every few seconds, never more often than that. A little jitter keeps many clients of a
 * restarted node from arriving all at once.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 4_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** How long a reconnect may wait for the server's answer to session.resume. */
export const RESUME_REPLY_TIMEOUT_MS = 8_000;
