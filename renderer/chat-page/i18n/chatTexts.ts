import de from './de.json';
import en from './en.json';
import { definePageTexts, type PageTextTypes } from '../../shared/i18n/pageTexts';

type Texts = PageTextTypes<typeof en>;
/** The chat page's own texts (the share steps it hosts keep the customer page's texts). */
export type ChatTextKey = Texts['key'];
export type ChatTextRef = Texts['ref'];
export type ChatTranslator = Texts['translator'];
export const { text: chatText, createTranslator: createChatTranslator } = definePageTexts(en, de);
