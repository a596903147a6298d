import i18next, { type i18n, type Resource } from 'i18next';
import type { Locale } from './locale';
import type { TextRef } from './textRef';

export interface Translator<K extends string> {
  readonly locale: Locale;
  translate(ref: TextRef<K>): string;
  setLocale(locale: Locale): Promise<void>;
  /** Called after every language change; returns an unsubscribe function. */
  onChange(listener: (locale: Locale) => void): () => void;
}

/** An i18next instance of its own (no global state) over the page's bundled translations. */
export async function createTranslator<K extends string>(resources: Resource, locale: Locale): Promise<Translator<K>> {
  const instance: i18n = i18next.createInstance();
  await instance.init({
    resources,
    lng: locale,
    fallbackLng: 'en',
    initAsync: false,
    // Text reaches the DOM through textContent, never innerHTML, so nothing needs escaping here.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const translate = (ref: TextRef<K>): string => {
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(ref.params ?? {})) {
      params[name] = typeof value === 'object' ? translate(value) : value;
    }
    return instance.t(ref.key, params);
  };
  let current = locale;
  const listeners = new Set<(locale: Locale) => void>();
  return {
    get locale() {
      return current;
    },
    translate,
    async setLocale(next) {
      await instance.changeLanguage(next);
      current = next;
      for (const listener of listeners) listener(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
