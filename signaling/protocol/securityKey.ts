/**
 * The security key a customer types: 8 random digits followed by one Damm check digit.
 * The Damm algorithm detects every single-digit error and every swap of neighbouring digits,
 * so a typo is caught on the customer's device without spending a server attempt.
 */
const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const KEY_PAYLOAD_DIGITS = 8;
export const KEY_LENGTH = KEY_PAYLOAD_DIGITS + 1;

/** The Damm interim digit of a digit string; 0 means the string carries a valid check digit. */
function dammInterim(digits: string): number {
  let interim = 0;
  for (const char of digits) {
    const row = DAMM_TABLE[interim];
    const next = row?.[char.charCodeAt(0) - 48];
    if (next === undefined) throw new RangeError('Damm check works on decimal digits only');
    interim = next;
  }
  return interim;
}

export function dammCheckDigit(payload: string): string {
  return String(dammInterim(payload));
}

/** Removes what people type between groups (spaces, dashes, dots) and keeps everything else. */
export function normalizeKey(input: string): string {
  return input.replace(/[\s\-–—.]/g, '');
}

export type KeyCheck = 'ok' | 'empty' | 'not-digits' | 'too-short' | 'too-long' | 'typo';

/** Checks a typed key locally; only 'ok' keys are worth sending to the server. */
export function checkKey(input: string): KeyCheck {
  const key = normalizeKey(input);
  if (key.length === 0) return 'empty';
  if (!/^\d+$/.test(key)) return 'not-digits';
  if (key.length < KEY_LENGTH) return 'too-short';
  if (key.length > KEY_LENGTH) return 'too-long';
  return dammInterim(key) === 0 ? 'ok' : 'typo';
}

/** Adds the check digit to 8 random digits. The randomness is the caller's (a CSPRNG). */
export function keyFromPayload(payload: string): string {
  if (!/^\d{8}$/.test(payload)) throw new RangeError('a key payload is exactly 8 digits');
  return payload + dammCheckDigit(payload);
}

/** "123456789" → "123 456 789", easy to read aloud. */
export function formatKey(key: string): string {
  return normalizeKey(key).replace(/(\d{3})(?=\d)/g, '$1 ');
}
