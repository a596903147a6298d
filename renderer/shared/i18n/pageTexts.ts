import type { DomTexts } from './domTexts';
import type { Locale } from './locale';
import { text as anyText, type TextKeysOf, type TextParams, type TextRef } from './textRef';
import { createTranslator as createAnyTranslator, type Translator } from './translator';

/**
 * The text types of one page, from its en.json: a typo in a key fails to compile. Each page's
 * i18n module names them once (TextKey = PageTextTypes<typeof en>['key'], ...).
 */
export interface PageTextTypes<Bundle> {
  /** Every text the page can show, as a dotted path into its en.json (plural keys without suffix). */
  key: TextKeysOf<Bundle>;
  params: TextParams<TextKeysOf<Bundle>>;
  ref: TextRef<TextKeysOf<Bundle>>;
  translator: Translator<TextKeysOf<Bundle>>;
  /** The page's text binder (./domTexts.ts). */
  domTexts: DomTexts<TextKeysOf<Bundle>>;
}

/**
 * One page's texts: `text()` narrowed to the keys of its English bundle, and a translator with both
 * languages bundled in (switching never waits for the network).
 */
export function definePageTexts<Bundle extends object>(en: Bundle, de: object) {
  type Key = TextKeysOf<Bundle>;
  const resources = { en: { translation: en }, de: { translation: de } } as const;
  return {
    resources,
    text: anyText as (key: Key, params?: TextParams<Key>) => TextRef<Key>,
    createTranslator: (locale: Locale): Promise<Translator<Key>> => createAnyTranslator<Key>(resources, locale),
  };
}
