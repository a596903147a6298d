export { LOCALES, isLocale, pickLocale, type Locale } from '../../client/i18n/locale';
