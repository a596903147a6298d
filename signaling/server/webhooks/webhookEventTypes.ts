import { parseChoices } from '../platform/parseChoices';

/** The audit events an endpoint may subscribe to (`npm run webhooks -- add URL --events …`). */
export const WEBHOOK_EVENT_TYPES = [
  'key.issued',
  'key.expired',
  'consent.given',
  'consent.declined',
  'share.started',
  'share.ended',
  'chat.started',
  'chat.taken',
  'chat.ended',
  'account.added',
  'account.password-changed',
  'account.disabled',
  'account.enabled',
  'account.role-changed',
  'account.removed',
  'account.imported',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function parseWebhookEvents(text: string): WebhookEventType[] {
  return parseChoices(text, WEBHOOK_EVENT_TYPES, 'event');
}
