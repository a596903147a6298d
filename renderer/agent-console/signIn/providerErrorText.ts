import { text, type TextRef } from '../i18n/textRef';

/** The server's reasons (?signInError=…, http/oidcRoutes.ts) and what the agent reads for each. */
const KEYS = {
  state: 'signInError.provider.state',
  denied: 'signInError.provider.denied',
  code: 'signInError.provider.code',
  expired: 'signInError.provider.expired',
  invalid: 'signInError.provider.invalid',
  unavailable: 'signInError.provider.unavailable',
  claims: 'signInError.provider.claims',
  'name-taken': 'signInError.provider.nameTaken',
  disabled: 'signInError.provider.disabled',
  'too-many-attempts': 'signInError.provider.tooManyAttempts',
} as const;

/** A friendly sentence for a sign-in through the identity provider that did not work; null for an unknown reason. */
export function providerErrorText(reason: string, provider: string): TextRef | null {
  return Object.hasOwn(KEYS, reason) ? text(KEYS[reason as keyof typeof KEYS], { provider }) : null;
}

/** Takes ?signInError=… off the address (a reload must not show it again) and answers it. */
export function takeSignInError(): string | null {
  const url = new URL(window.location.href);
  const reason = url.searchParams.get('signInError');
  if (reason === null) return null;
  url.searchParams.delete('signInError');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return reason;
}
