import de from './de.json';
import en from './en.json';
import { definePageTexts, type PageTextTypes } from '../../shared/i18n/pageTexts';

/** The customer page's texts, narrowed to the keys of its en.json (renderer/shared/i18n/pageTexts.ts). */
type Texts = PageTextTypes<typeof en>;
export type TextKey = Texts['key'];
export type TextRef = Texts['ref'];
export type Translator = Texts['translator'];
export type DomTexts = Texts['domTexts'];
export const { text, createTranslator } = definePageTexts(en, de);
