import { login, type AgentProfile, type SignInOptions } from '../api/agentApi';
import { h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text, type TextRef } from '../i18n/textRef';
import { loginErrorText } from './loginErrorText';

export interface SignInViewOptions {
  /** Why the agent sees this form again, e.g. "You have signed out." */
  notice?: TextRef;
  /** Why the last sign-in through the identity provider did not work. */
  error?: TextRef;
  /** The password form, "Sign in with <provider>", or both. */
  ways: SignInOptions;
  onSignedIn(agent: AgentProfile): void;
}

/**
 * The sign-in card: "Sign in with <provider>" when the organisation's identity provider is set up,
 * and the username/password form unless LOCAL_SIGN_IN=false, with friendly errors for wrong
 * credentials, lock-outs and sign-ins the provider did not complete.
 */
export function renderSignIn(texts: DomTexts, options: SignInViewOptions): HTMLElement {
  const provider = options.ways.identityProvider;
  const heading = h('h1', { class: 'sign-in-title', id: 'sign-in-title' });
  texts.set(heading, text('signIn.heading'));
  const intro = h('p', { class: 'sign-in-intro' });
  texts.set(intro, text(provider ? 'signIn.introProvider' : 'signIn.intro'));

  const notice = h('p', { class: 'notice', role: 'status' });
  if (options.notice) texts.set(notice, options.notice);
  show(notice, options.notice !== undefined);

  const providerPart: HTMLElement[] = [];
  if (provider) {
    const providerButton = h('a', { class: 'button button-primary button-wide', href: provider.startUrl });
    texts.set(providerButton, text('signIn.withProvider', { provider: provider.name }));
    const providerError = h('p', { class: 'form-error', role: 'alert' });
    if (options.error) texts.set(providerError, options.error);
    show(providerError, options.error !== undefined);
    providerPart.push(providerError, providerButton);
    if (options.ways.localSignIn) {
      const or = h('p', { class: 'sign-in-or' });
      texts.set(or, text('signIn.or'));
      providerPart.push(or);
    }
  }

  const username = h('input', { class: 'input', id: 'username', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: '' });
  const password = h('input', { class: 'input', id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const usernameLabel = h('label', { class: 'label', for: 'username' });
  texts.set(usernameLabel, text('signIn.username'));
  const passwordLabel = h('label', { class: 'label', for: 'password' });
  texts.set(passwordLabel, text('signIn.password'));

  const error = h('p', { class: 'form-error', id: 'sign-in-error', role: 'alert' });
  show(error, false);
  const submit = h('button', { class: `button ${provider ? 'button-secondary' : 'button-primary'} button-wide`, type: 'submit' });
  texts.set(submit, text('signIn.submit'));

  const form = h(
    'form',
    { class: 'sign-in-form', novalidate: '' },
    h('div', { class: 'field' }, usernameLabel, username),
    h('div', { class: 'field' }, passwordLabel, password),
    error,
    submit,
  );

  const showError = (message: TextRef | null, field: HTMLInputElement | null) => {
    for (const input of [username, password]) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
    if (!message) {
      texts.clear(error);
      show(error, false);
      return;
    }
    texts.set(error, message);
    show(error, true);
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', 'sign-in-error');
      field.focus();
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const name = username.value.trim();
    if (!name || !password.value) {
      showError(text('signInError.missing'), name ? password : username);
      return;
    }
    showError(null, null);
    submit.disabled = true;
    texts.set(submit, text('signIn.submitting'));
    void login(name, password.value).then((result) => {
      submit.disabled = false;
      texts.set(submit, text('signIn.submit'));
      if (result.ok) {
        options.onSignedIn(result.agent);
        return;
      }
      const wrongPassword = result.failure.kind === 'invalid-credentials';
      if (wrongPassword) password.value = '';
      show(notice, false);
      showError(loginErrorText(result.failure), wrongPassword ? password : null);
    });
  });

  const card = h('section', { class: 'sign-in card', 'aria-labelledby': 'sign-in-title' }, heading, intro, notice, ...providerPart);
  if (options.ways.localSignIn) {
    card.append(form);
    if (!provider) queueMicrotask(() => username.focus());
  }
  return card;
}
