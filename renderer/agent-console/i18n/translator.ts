import de from './de.json';
import en from './en.json';
import type { Locale } from './pickLocale';
import type { TextKey } from './textRef';
import { createTranslator as createAnyTranslator, type Translator as AnyTranslator } from '../../shared/i18n/translator';

export const resources = { en: { translation: en }, de: { translation: de } } as const;

export type Translator = AnyTranslator<TextKey>;

/** Both languages are bundled in: switching never waits for the network. */
export function createTranslator(locale: Locale): Promise<Translator> {
  return createAnyTranslator<TextKey>(resources, locale);
}
