export { LOCALES, isLocale, pickLocale, type Locale } from '../../signaling/client/i18n/locale';
