import { loadBranding, loadSignInOptions, logout, whoAmI, type AgentProfile } from './api/agentApi';
import { AgentConsole } from './console/agentConsole';
import { setPageTitle } from './console/pageTitle';
import { DomTexts } from '../shared/i18n/domTexts';
import { savedLocale, wireLanguageSwitch } from './i18n/languageSwitch';
import { pickLocale } from './i18n/pickLocale';
import { text, type TextRef } from './i18n/textRef';
import { createTranslator } from './i18n/textRef';
import { show } from '../shared/dom';
import { wireHistoryToggle } from './history/historyToggle';
import { renderSignIn } from './signIn/signInView';
import { revokedText } from './signIn/revokedText';
import { providerErrorText, takeSignInError } from './signIn/providerErrorText';
import { adoptSessionLink } from './sessions/sessionLink';

/** The page's fixed parts, from agent.html. */
function pagePart<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`agent.html lacks #${id}`);
  return element as T;
}

async function boot(): Promise<void> {
  const app = pagePart('app');
  const identity = pagePart('identity');
  const signOutButton = pagePart<HTMLButtonElement>('sign-out');
  const productName = pagePart('product-name');

  const signInError = takeSignInError();
  const [branding, ways] = await Promise.all([loadBranding(), loadSignInOptions()]);
  const locale = pickLocale(savedLocale(), navigator.languages ?? [navigator.language], branding?.defaultLocale ?? 'en');
  const texts = new DomTexts(await createTranslator(locale));

  const applyLocale = () => {
    document.documentElement.lang = texts.locale;
    texts.retranslate(document);
    // The neutral default name is English: without a chosen one, the console says it in its language.
    const product = branding?.productNameChosen ? branding.productName : texts.translate(text('page.product'));
    productName.textContent = product;
    setPageTitle(`${texts.translate(text('page.title'))} – ${product}`);
  };
  applyLocale();
  const history = wireHistoryToggle(app, pagePart<HTMLButtonElement>('history-toggle'), texts);
  wireLanguageSwitch(pagePart('language-switch'), texts, () => {
    applyLocale();
    history.relocalize();
  });

  let current: AgentConsole | null = null;

  const showSignIn = (notice?: TextRef, error?: TextRef) => {
    current?.shutDown();
    current = null;
    show(identity, false);
    show(signOutButton, false);
    history.disable();
    app.replaceChildren(renderSignIn(texts, { ...(notice ? { notice } : {}), ...(error ? { error } : {}), ways, onSignedIn: showConsole }));
  };

  function showConsole(agent: AgentProfile): void {
    pagePart('identity-name').textContent = agent.displayName;
    pagePart('identity-organisation').textContent = agent.organisation;
    show(identity, true);
    show(signOutButton, true);
    history.enable();
    adoptSessionLink();
    current = new AgentConsole(texts, {
      onSignInExpired: () => showSignIn(text('signIn.expired')),
      onAccessRevoked: (reason) => showSignIn(revokedText(reason)),
    });
    app.replaceChildren(current.element);
    current.takeFocus();
    void current.connect();
  }

  signOutButton.addEventListener('click', () => {
    signOutButton.disabled = true;
    current?.shutDown();
    void logout().then(({ endSessionUrl }) => {
      signOutButton.disabled = false;
      showSignIn(text('signIn.signedOut'));
      // Signed in through the identity provider: sign out there too (it sends the browser back here).
      if (endSessionUrl) window.location.assign(endSessionUrl);
    });
  });

  window.addEventListener('beforeunload', (event) => {
    if (current?.hasActiveSessions) event.preventDefault();
  });

  const me = await whoAmI();
  if (me.kind === 'signed-in') showConsole(me.agent);
  else {
    const provider = ways.identityProvider?.name;
    showSignIn(undefined, signInError !== null && provider ? (providerErrorText(signInError, provider) ?? undefined) : undefined);
  }
}

void boot();
