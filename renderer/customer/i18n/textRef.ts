import type en from './en.json';
import {
  text as anyText,
  type TextKeysOf,
  type TextParams as AnyTextParams,
  type TextRef as AnyTextRef,
} from '../../shared/i18n/textRef';

/** Every text the customer page can show, as a dotted path into en.json (plural keys without suffix). */
export type TextKey = TextKeysOf<typeof en>;
export type TextParams = AnyTextParams<TextKey>;
export type TextRef = AnyTextRef<TextKey>;
export const text: (key: TextKey, params?: TextParams) => TextRef = anyText;
