import { text, type TextRef } from './textRef';

/** "45 seconds" / "3 minutes": how long to wait, rounded up so nobody retries too early. */
export function waitText(ms: number): TextRef<'wait.seconds' | 'wait.minutes'> {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return text('wait.seconds', { count: seconds });
  return text('wait.minutes', { count: Math.ceil(seconds / 60) });
}
