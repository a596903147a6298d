import { realClock } from '../shared/clock';
import { CustomerFlow } from './flow/customerFlow';
import { connectCustomerLink } from './flow/customerLink';
import { createScreenSender } from './flow/senderPeer';
import type { Locale } from '../shared/i18n/locale';
import type { Platform } from './platform/platform';
import { createWebPlatform } from './platform/webPlatform';

/**
 * What the customer page offers other pages, and the only file they may import from it
 * (dependency-cruiser checks this): the chat page runs this page's own share flow (consent,
 * capture, sharing bar, Stop sharing) inline, with the request's key already entered.
 */
export type { CustomerFlow } from './flow/customerFlow';
export type { FlowState } from './flow/flowState';
export type { Branding } from './platform/platform';
export { createTranslator, type Translator } from './i18n/textRef';
export { mountShell, type ShellParts } from './ui/appShell';

/** The customer flow in this browser, submitting `key` as soon as it starts. */
export function createKeyedShareFlow(key: string, locale: () => Locale): CustomerFlow {
  const platform: Platform = { ...createWebPlatform(), initialKey: () => ({ key, submit: true }) };
  return new CustomerFlow({ platform, connect: connectCustomerLink, createPeer: createScreenSender, clock: realClock, locale });
}
