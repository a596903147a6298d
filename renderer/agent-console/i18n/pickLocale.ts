export { LOCALES, isLocale, pickLocale, type Locale } from '../../shared/i18n/locale';
