import { isLocale, pickLocale, type Locale } from '../shared/i18n/locale';
import { SignalingConnection, signalingUrl } from '../shared/signalingConnection';
import type { CustomerMessage } from '../../signaling/protocol';
import { loadSavedLocale, saveLocale } from '../shared/i18n/savedLocale';
import { createTranslator, type Branding } from '../customer/embed';
import { buildChatLayout } from './chatLayout';
import { ChatPage } from './chatPage';
import { ChatSession } from './chatSession';
import { createChatTranslator } from './i18n/chatTexts';
import { loadPageConfig } from './pageConfig';
import { ShareHost } from './shareHost';
import { tokenStorage } from './tokenStorage';

/** Entry of /chat: the customer's chat, standalone or inside the widget's frame. */
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
  const layout = buildChatLayout(document.body);
  const { language, languageLabel, messageLabel } = layout;
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
  language.value = locale;
  language.addEventListener('change', () => {
    if (isLocale(language.value)) setLocale(language.value);
  });
  const translateLabels = () => {
    languageLabel.textContent = chatTranslator.translate({ key: 'page.language' });
    messageLabel.textContent = chatTranslator.translate({ key: 'composer.label' });
  };
  chatTranslator.onChange(translateLabels);

  const branding: Branding = { productName: null, organisation: config.organisation, defaultLocale: config.defaultLocale };
  const shareHost = new ShareHost(layout.shareHost, layout.shell, shareTranslator, branding, setLocale);

  const session = new ChatSession(
    () =>
      SignalingConnection.connect<CustomerMessage>({
        url: signalingUrl(location.origin, 'customer'),
        client: 'web',
        locale: chatTranslator.locale,
      }),
    tokenStorage,
  );
  new ChatPage(layout.page, session, chatTranslator, config, shareHost, layout.end);
  translateLabels();
  window.addEventListener('beforeunload', () => shareHost.leave());
  await session.open();
}

start().catch((error: unknown) => {
  console.error('the chat could not start', error);
  document.body.classList.add('failed-to-start');
});
