import de from './de.json';
import en from './en.json';
import type { Locale } from '../../shared/i18n/locale';
import { text as anyText, type TextKeysOf, type TextParams, type TextRef } from '../../shared/i18n/textRef';
import { createTranslator, type Translator } from '../../shared/i18n/translator';

/** The chat page's own texts (the share steps it hosts keep the customer page's texts). */
export type ChatTextKey = TextKeysOf<typeof en>;
export type ChatTextRef = TextRef<ChatTextKey>;
export type ChatTranslator = Translator<ChatTextKey>;
export const chatText: (key: ChatTextKey, params?: TextParams<ChatTextKey>) => ChatTextRef = anyText;

export function createChatTranslator(locale: Locale): Promise<ChatTranslator> {
  return createTranslator<ChatTextKey>({ en: { translation: en }, de: { translation: de } }, locale);
}
