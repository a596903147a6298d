import type { HistoryOutcome, TimelineEvent } from '../../../signaling/protocol/history';
import { text, type TextKey, type TextRef } from '../i18n/textRef';

const EVENT_TEXT: Record<string, TextKey> = {
  'key.issued': 'history.events.keyIssued',
  'key.renewed': 'history.events.keyRenewed',
  'key.expired': 'history.events.keyExpired',
  'consent.given': 'history.events.consentGiven',
  'consent.declined': 'history.events.consentDeclined',
  'share.started': 'history.events.shareStarted',
  'share.paused': 'history.events.sharePaused',
  'share.resumed': 'history.events.shareResumed',
  'share.ended': 'history.events.shareEnded',
  'chat.started': 'history.events.chatStarted',
  'chat.taken': 'history.events.chatTaken',
  'chat.share-requested': 'history.events.chatShareRequested',
  'chat.share-answered': 'history.events.chatShareAnswered',
  'chat.ended': 'history.events.chatEnded',
};

export function outcomeText(outcome: HistoryOutcome): TextRef {
  return text(`history.outcomes.${outcome}`);
}

export function eventText(event: Pick<TimelineEvent, 'type'>): TextRef {
  const key = EVENT_TEXT[event.type];
  return key ? text(key) : text('history.events.other', { type: event.type });
}

const ACTORS = ['agent', 'customer', 'server', 'operator'] as const;

export function actorText(actor: string | null): TextRef | undefined {
  const known = ACTORS.find((candidate) => candidate === actor);
  return known && text('history.by', { actor: text(`history.actors.${known}`) });
}

/** 90 → "1:30", 3725 → "1:02:05". */
export function sharedFor(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** The facts of an event worth a line (never the whole JSON): reason, resolution, the consent sentence. */
export function eventFacts(event: TimelineEvent): string {
  const facts: string[] = [];
  const details = event.details;
  for (const name of ['reason', 'resolution', 'sentence', 'language', 'answer', 'customerName'] as const) {
    const value = details[name];
    if (typeof value === 'string' && value) facts.push(name === 'sentence' ? `“${value}”` : value);
  }
  if (typeof details.sharingMs === 'number') facts.push(sharedFor(Math.round(details.sharingMs / 1000)));
  if (event.receipt) facts.push(event.receipt);
  if (event.customerAddress) facts.push(event.customerAddress);
  return facts.join(' · ');
}
