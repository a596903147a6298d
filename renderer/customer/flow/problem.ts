import type { TextRef } from '../i18n/textRef';

/** Something to tell the customer: one short sentence and, if useful, what to do next. */
export interface Problem {
  message: TextRef;
  detail?: TextRef;
}
