import i18next from 'i18next';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/**
 * The few texts main shows itself (indicator window, tray), through i18next like the pages' texts
 * (main/i18n/{en,de}.json). The renderer has its own translations; these follow the system language.
 */
export interface MainStrings {
  sharingWith(agentName: string | undefined): string;
  pausedWith(agentName: string | undefined): string;
  stop: string;
  pause: string;
  resume: string;
  trayPause: string;
  trayResume: string;
  stopSharing: string;
  showWindow(productName: string): string;
  trayTooltip(productName: string): string;
}

export type MainLanguage = 'en' | 'de';

export function mainLanguage(locale: string | undefined): MainLanguage {
  return locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function mainStrings(language: MainLanguage): MainStrings {
  const i18n = i18next.createInstance();
  // Bundled resources and initAsync: false make init synchronous; t() works right away.
  void i18n.init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    // Texts go into window titles, menus and textContent, never HTML.
    interpolation: { escapeValue: false },
  });
  const t = i18n.t.bind(i18n);
  return {
    sharingWith: (agent) => (agent ? t('indicator.sharingWith', { agent }) : t('indicator.sharing')),
    pausedWith: (agent) => (agent ? t('indicator.pausedWith', { agent }) : t('indicator.paused')),
    stop: t('indicator.stop'),
    pause: t('indicator.pause'),
    resume: t('indicator.resume'),
    trayPause: t('tray.pause'),
    trayResume: t('tray.resume'),
    stopSharing: t('tray.stopSharing'),
    showWindow: (product) => t('tray.showWindow', { product }),
    trayTooltip: (product) => t('tray.tooltip', { product }),
  };
}
