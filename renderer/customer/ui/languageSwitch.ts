import { LOCALES, type Locale } from '../i18n/locale';
import { text, type TextKey } from '../i18n/textRef';
import type { Translator } from '../i18n/textRef';
import { h } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';

const NAMES: Record<Locale, TextKey> = { en: 'page.english', de: 'page.german' };

/** "EN | DE" toggle buttons; the pressed one is the current language. */
export function languageSwitch(
  translator: Translator,
  texts: DomTexts,
  onChosen: (locale: Locale) => void,
): HTMLElement {
  const buttons = LOCALES.map((locale) => {
    // The name comes from the content ("English"), so the visible "EN" is no mismatching label.
    const name = texts.set(h('span', { class: 'visually-hidden' }), text(NAMES[locale]));
    const abbreviation = h('span', { 'aria-hidden': 'true' }, locale.toUpperCase());
    const choice = h('button', { type: 'button', class: 'language-choice', lang: locale }, abbreviation, name);
    choice.addEventListener('click', () => onChosen(locale));
    return { locale, choice };
  });
  const show = (current: Locale) => {
    for (const { locale, choice } of buttons) choice.setAttribute('aria-pressed', String(locale === current));
  };
  show(translator.locale);
  translator.onChange(show);
  const group = h('div', { class: 'language', role: 'group' }, ...buttons.map(({ choice }) => choice));
  texts.set(group, text('page.language'), 'label');
  return group;
}
