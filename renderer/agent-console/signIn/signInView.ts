import { login, type AgentProfile } from '../api/agentApi';
import { h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text, type TextRef } from '../i18n/textRef';
import { loginErrorText } from './loginErrorText';

export interface SignInOptions {
  /** Why the agent sees this form again, e.g. "You have signed out." */
  notice?: TextRef;
  onSignedIn(agent: AgentProfile): void;
}

/** The sign-in form: username, password, friendly errors for wrong credentials and lock-outs. */
export function renderSignIn(texts: DomTexts, options: SignInOptions): HTMLElement {
  const heading = h('h1', { class: 'sign-in-title', id: 'sign-in-title' });
  texts.set(heading, text('signIn.heading'));
  const intro = h('p', { class: 'sign-in-intro' });
  texts.set(intro, text('signIn.intro'));

  const notice = h('p', { class: 'notice', role: 'status' });
  if (options.notice) texts.set(notice, options.notice);
  show(notice, options.notice !== undefined);

  const username = h('input', { class: 'input', id: 'username', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: '' });
  const password = h('input', { class: 'input', id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const usernameLabel = h('label', { class: 'label', for: 'username' });
  texts.set(usernameLabel, text('signIn.username'));
  const passwordLabel = h('label', { class: 'label', for: 'password' });
  texts.set(passwordLabel, text('signIn.password'));

  const error = h('p', { class: 'form-error', id: 'sign-in-error', role: 'alert' });
  show(error, false);
  const submit = h('button', { class: 'button button-primary button-wide', type: 'submit' });
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

  const card = h('section', { class: 'sign-in card', 'aria-labelledby': 'sign-in-title' }, heading, intro, notice, form);
  queueMicrotask(() => username.focus());
  return card;
}
