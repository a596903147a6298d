import type { Locale } from './locale';

const STORAGE_KEY = 'screenShare.customer.locale';

/** The language the customer picked last time; storage may be off (private mode), so never throw. */
export function loadSavedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembering the language is fine.
  }
}
