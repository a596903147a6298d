import { isLocale, pickLocale, type Locale } from '../shared/i18n/locale';
import { SignalingConnection, signalingUrl } from '../shared/signalingConnection';
import type { CustomerMessage } from '../../signaling/protocol';
import { loadSavedLocale, saveLocale } from '../shared/i18n/savedLocale';
import { createTranslator, type Branding } from '../customer/embed';
import { ChatPage } from './chatPage';
import { ChatSession } from './chatSession';
import { createChatTranslator } from './i18n/chatTexts';
import { loadPageConfig } from './pageConfig';
import { ShareHost } from './shareHost';
import { tokenStorage } from './tokenStorage';

/** Entry of /chat: the customer's chat, standalone or inside the widget's frame. */
function part<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`chat.html lacks #${id}`);
  return found as T;
}

/** Options the widget passes in the frame's URL (data-lang, data-color). */
function urlOptions(): { lang: Locale | null; color: string | null; embedded: boolean } {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang');
  const color = params.get('color');
  return {
    lang: isLocale(lang) ? lang : null,
    color: color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : null,
    embedded: params.get('embed') === '1',
  };
}

async function start(): Promise<void> {
  const options = urlOptions();
  const config = await loadPageConfig();
  const locale =
    options.lang ?? pickLocale(loadSavedLocale(), navigator.languages?.length ? navigator.languages : [navigator.language], config.defaultLocale);
  const accent = options.color ?? config.primaryColor;
  if (accent) document.documentElement.style.setProperty('--chat-accent', accent);
  document.body.classList.toggle('is-embedded', options.embedded);
  if (options.embedded) {
    // In the widget's frame: Escape closes the widget (widget.js listens for this message).
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) window.parent.postMessage({ type: 'screenshare-chat:escape' }, '*');
    });
  }

  const [chatTranslator, shareTranslator] = await Promise.all([createChatTranslator(locale), createTranslator(locale)]);
  const setLocale = (next: Locale) => {
    saveLocale(next);
    void chatTranslator.setLocale(next);
    void shareTranslator.setLocale(next);
    language.value = next;
  };
  const language = part<HTMLSelectElement>('chat-language');
  language.value = locale;
  language.addEventListener('change', () => {
    if (isLocale(language.value)) setLocale(language.value);
  });
  chatTranslator.onChange(() => {
    part('language-label').textContent = chatTranslator.translate({ key: 'page.language' });
    part('message-label').textContent = chatTranslator.translate({ key: 'composer.label' });
  });

  const branding: Branding = { productName: null, organisation: config.organisation, defaultLocale: config.defaultLocale };
  const shareHost = new ShareHost(
    part('share-host'),
    {
      banner: part('banner'),
      product: part('brand-product'),
      organisation: part('brand-organisation'),
      languageSlot: part('language-slot'),
      main: part('main'),
      reassurance: part('reassurance'),
    },
    shareTranslator,
    branding,
    setLocale,
  );

  const session = new ChatSession(
    () =>
      SignalingConnection.connect<CustomerMessage>({
        url: signalingUrl(location.origin, 'customer'),
        client: 'web',
        locale: chatTranslator.locale,
      }),
    tokenStorage,
  );
  new ChatPage(
    {
      title: part('chat-title'),
      status: part('chat-status'),
      transcript: part('transcript'),
      typing: part('typing'),
      problem: part('composer-problem'),
      composer: part<HTMLFormElement>('composer'),
      message: part<HTMLTextAreaElement>('message'),
      send: part<HTMLButtonElement>('send'),
      nameRow: part('name-row'),
      nameLabel: part('name-label'),
      name: part<HTMLInputElement>('customer-name'),
    },
    session,
    chatTranslator,
    config,
    shareHost,
    {
      endButton: part<HTMLButtonElement>('end-chat'),
      confirm: part('end-confirm'),
      question: part('end-question'),
      hint: part('end-hint'),
      yes: part<HTMLButtonElement>('end-yes'),
      no: part<HTMLButtonElement>('end-no'),
      ended: part('ended'),
      endedText: part('ended-text'),
      newChat: part<HTMLButtonElement>('new-chat'),
    },
  );
  part('language-label').textContent = chatTranslator.translate({ key: 'page.language' });
  part('message-label').textContent = chatTranslator.translate({ key: 'composer.label' });
  window.addEventListener('beforeunload', () => shareHost.leave());
  await session.open();
}

start().catch((error: unknown) => {
  console.error('the chat could not start', error);
  document.body.classList.add('failed-to-start');
});
