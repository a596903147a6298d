/**
 * Texts not yet translated, shared by both pages: logic decides *what* to say as a TextRef, the
 * page turns it into words in the current language (and again when the language changes). Each
 * page narrows K to the keys of its own en.json.
 */
type PluralSuffix = 'one' | 'other';

/** Every leaf of a translation file as a dotted path (plural keys without their suffix). */
export type TextKeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends `${infer Base}_${PluralSuffix}`
      ? `${Prefix}${Base}`
      : `${Prefix}${K}`
    : TextKeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A parameter may itself be a text to translate, e.g. "{{wait}}" = "3 minutes". */
export type TextParams<K extends string> = Readonly<Record<string, string | number | TextRef<K>>>;

export interface TextRef<K extends string> {
  readonly key: K;
  readonly params?: TextParams<K>;
}

export function text<K extends string>(key: K, params?: TextParams<K>): TextRef<K> {
  return params ? { key, params } : { key };
}
