import type { RevocationReason } from '../../../signaling/protocol';
import { text, type TextKey, type TextRef } from '../i18n/textRef';

const REVOKED: Record<RevocationReason, TextKey> = {
  'signed-out': 'signIn.signedOut',
  'sign-in-expired': 'signIn.expired',
  'password-changed': 'signIn.passwordChanged',
  'account-removed': 'signIn.accountRemoved',
  'account-disabled': 'signIn.accountDisabled',
};

/** The sentence on the sign-in page when the server ended this console's access, and why. */
export function revokedText(reason: RevocationReason): TextRef {
  return text(REVOKED[reason]);
}
