import i18next, { type i18n } from 'i18next';
import de from './de.json';
import en from './en.json';
import type { Locale } from './locale';
import type { TextRef } from './textRef';

export const resources = { en: { translation: en }, de: { translation: de } } as const;

export interface Translator {
  readonly locale: Locale;
  translate(ref: TextRef): string;
  setLocale(locale: Locale): Promise<void>;
  /** Called after every language change; returns an unsubscribe function. */
  onChange(listener: (locale: Locale) => void): () => void;
}

/** An i18next instance of its own (no global state), with both languages bundled in. */
export async function createTranslator(locale: Locale): Promise<Translator> {
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
  const translate = (ref: TextRef): string => {
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
