import { checkKey, normalizeKey } from '../../../signaling/protocol';
import { text } from '../i18n/textRef';
import type { Problem } from './problem';

/**
 * What is wrong with a typed key before anything is sent, or null when it is worth sending.
 * A check-digit typo is caught here so the customer does not use up a server attempt.
 */
export function localKeyProblem(input: string): Problem | null {
  const verdict = checkKey(input);
  const count = normalizeKey(input).length;
  switch (verdict) {
    case 'ok':
      return null;
    case 'empty':
      return { message: text('keyHint.empty'), detail: text('keyHint.emptyDetail') };
    case 'not-digits':
      return { message: text('keyHint.notDigits'), detail: text('keyHint.notDigitsDetail') };
    case 'too-short':
      return { message: text('keyHint.tooShort', { count }), detail: text('keyHint.lengthDetail') };
    case 'too-long':
      return { message: text('keyHint.tooLong', { count }), detail: text('keyHint.lengthDetail') };
    case 'typo':
      return { message: text('keyHint.typo'), detail: text('keyHint.typoDetail') };
  }
}
