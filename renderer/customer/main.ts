import { CustomerFlow } from './flow/customerFlow';
import { realClock } from '../shared/clock';
import { connectCustomerLink } from './flow/customerLink';
import { createScreenSender } from './flow/senderPeer';
import { sessionStorageResumeMemory } from './flow/resumeMemory';
import { pickLocale } from './i18n/locale';
import { loadSavedLocale, saveLocale } from '../shared/i18n/savedLocale';
import { createTranslator } from './i18n/textRef';
import { createDesktopPlatform } from './platform/desktopPlatform';
import { findDesktopApi } from './platform/desktopBridge';
import type { Branding, Platform } from './platform/platform';
import { createWebPlatform } from './platform/webPlatform';
import { mountShell } from './ui/appShell';

/** Entry of the customer page, the same bundle on the web and inside the Electron app. */
const BRANDING_WAIT_MS = 3_000;

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html lacks #${id}`);
  return found;
}

async function brandingOf(platform: Platform): Promise<Branding> {
  const fallback: Branding = { productName: null, organisation: null, defaultLocale: 'en' };
  const late = new Promise<Branding>((resolve) => setTimeout(() => resolve(fallback), BRANDING_WAIT_MS));
  return Promise.race([platform.loadBranding(), late]);
}

async function start(): Promise<void> {
  const api = findDesktopApi(window);
  const platform = api ? await createDesktopPlatform(api) : createWebPlatform();
  const branding = await brandingOf(platform);
  const translator = await createTranslator(
    pickLocale(loadSavedLocale(), platform.preferredLanguages, branding.defaultLocale),
  );
  const flow = new CustomerFlow({
    platform,
    connect: connectCustomerLink,
    createPeer: createScreenSender,
    clock: realClock,
    locale: () => translator.locale,
    resumeMemory: sessionStorageResumeMemory(),
  });
  mountShell(
    {
      banner: element('banner'),
      product: element('brand-product'),
      organisation: element('brand-organisation'),
      languageSlot: element('language-slot'),
      main: element('main'),
      reassurance: element('reassurance'),
    },
    {
      flow,
      translator,
      branding,
      onLocaleChosen: (locale) => {
        saveLocale(locale);
        void translator.setLocale(locale);
      },
    },
  );
  // No session.end on unload: a reload looks the same as closing, and a reload must resume. A closed
  // page shows the agent "Reconnecting…" for the grace period, then "connection lost".
}

start().catch((error: unknown) => {
  console.error('the customer page could not start', error);
  document.body.classList.add('failed-to-start');
});
