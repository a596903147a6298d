/** Milliseconds left until expiresAt (epoch ms), never negative. */
export function remainingMs(expiresAt: number, now: number): number {
  return Math.max(0, expiresAt - now);
}

/**
 * "4:59", or "1:02:03" past an hour. Rounded up: the display only reaches 0:00 when the key has
 * really expired, and a fresh 5-minute key reads "5:00" rather than "4:59" at once.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
