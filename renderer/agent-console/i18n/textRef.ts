import de from './de.json';
import en from './en.json';
import type { DomTexts as AnyDomTexts } from '../../shared/i18n/domTexts';
import { definePageTexts, type PageTextTypes } from '../../shared/i18n/pageTexts';

type Texts = PageTextTypes<typeof en>;
/** Every text the console can show, as a dotted path into en.json (plural keys without suffix). */
export type TextKey = Texts['key'];
export type TextRef = Texts['ref'];
export type Translator = Texts['translator'];
/** The page's text binder (renderer/shared/i18n/domTexts.ts). */
export type DomTexts = AnyDomTexts<TextKey>;
export const { text, createTranslator } = definePageTexts(en, de);
