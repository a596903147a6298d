import type en from './en.json';

type PluralSuffix = 'one' | 'other';
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends `${infer Base}_${PluralSuffix}`
      ? `${Prefix}${Base}`
      : `${Prefix}${K}`
    : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every text the customer page can show, as a dotted path into en.json (plural keys without suffix). */
export type TextKey = Leaves<typeof en>;
/** A parameter may itself be a text to translate, e.g. "{{wait}}" = "3 minutes". */
export type TextParams = Readonly<Record<string, string | number | TextRef>>;

/**
 * A text not yet translated: the flow decides *what* to say, the page turns it into words in the
 * current language (and again when the customer switches language).
 */
export interface TextRef {
  readonly key: TextKey;
  readonly params?: TextParams;
}

export function text(key: TextKey, params?: TextParams): TextRef {
  return params ? { key, params } : { key };
}
