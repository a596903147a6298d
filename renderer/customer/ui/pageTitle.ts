import type { FlowState } from '../flow/flowState';
import { text, type TextRef } from '../i18n/textRef';

/** The tab or window title; while sharing it says so, even when the tab is in the background. */
export function pageTitle(state: FlowState, product: string | TextRef): TextRef {
  return state.step === 'sharing' ? text('page.titleSharing', { product }) : text('page.title', { product });
}
