/**
 * The few texts main shows itself (indicator window, tray). The renderer has its own
 * translations; these follow the system language.
 */
export interface MainStrings {
  sharingWith(agentName: string | undefined): string;
  stop: string;
  stopSharing: string;
  showWindow(productName: string): string;
  trayTooltip(productName: string): string;
}

const en: MainStrings = {
  sharingWith: (agent) => (agent ? `Sharing your screen with ${agent}` : 'Sharing your screen'),
  stop: 'Stop',
  stopSharing: 'Stop sharing',
  showWindow: (product) => `Show ${product}`,
  trayTooltip: (product) => `${product}: your screen is being shared`,
};

const de: MainStrings = {
  sharingWith: (agent) => (agent ? `Ihr Bildschirm wird mit ${agent} geteilt` : 'Ihr Bildschirm wird geteilt'),
  stop: 'Beenden',
  stopSharing: 'Freigabe beenden',
  showWindow: (product) => `${product} anzeigen`,
  trayTooltip: (product) => `${product}: Ihr Bildschirm wird geteilt`,
};

export type MainLanguage = 'en' | 'de';

export function mainLanguage(locale: string | undefined): MainLanguage {
  return locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function mainStrings(language: MainLanguage): MainStrings {
  return language === 'de' ? de : en;
}
