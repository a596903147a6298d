import type { Problem } from '../../../../renderer/customer/flow/problem';
import type { Locale } from '../../../../renderer/customer/i18n/locale';
import type { TextRef } from '../../../../renderer/customer/i18n/textRef';
import { createTranslator } from '../../../../renderer/customer/i18n/textRef';

/** Turns what the flow decided into the words a customer reads, in one language. */
export async function wordsIn(locale: Locale): Promise<(ref: TextRef) => string> {
  const translator = await createTranslator(locale);
  return (ref) => translator.translate(ref);
}

export function problemWords(say: (ref: TextRef) => string, problem: Problem | null): string[] {
  if (!problem) return [];
  return [say(problem.message), ...(problem.detail ? [say(problem.detail)] : [])];
}
