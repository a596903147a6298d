import type { DomTexts } from './textRef';
import { isLocale, type Locale } from './pickLocale';

const STORAGE_KEY = 'agent-console.locale';

export function savedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Wires the EN/DE buttons of the page header: switching re-translates the page in place and is
 * remembered for the next visit.
 */
export function wireLanguageSwitch(group: HTMLElement, texts: DomTexts, onChanged: (locale: Locale) => void): void {
  const buttons = [...group.querySelectorAll<HTMLButtonElement>('button[data-locale]')];
  const mark = (locale: Locale) => {
    for (const candidate of buttons) candidate.setAttribute('aria-pressed', String(candidate.dataset.locale === locale));
  };
  mark(texts.locale);
  for (const candidate of buttons) {
    candidate.addEventListener('click', () => {
      const locale = candidate.dataset.locale;
      if (!isLocale(locale) || locale === texts.locale) return;
      try {
        localStorage.setItem(STORAGE_KEY, locale);
      } catch {
        // private mode: the choice lasts for this page only
      }
      void texts.translator.setLocale(locale).then(() => {
        mark(locale);
        onChanged(locale);
      });
    });
  }
}
