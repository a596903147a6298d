import type { HistoryOutcome, TimelineEvent } from '../../../signaling/protocol/history';
import { EndReason } from '../../../signaling/protocol/messages';
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

/** Why a session or chat ended, or a key claim failed, as the audit trail stores it. */
const REASONS = [...EndReason.options, 'server-lost', 'customer-left', 'wrong', 'expired', 'used', 'replaced'] as const;
const ANSWERS = ['accepted', 'declined'] as const;
const LANGUAGES = ['en', 'de'] as const;

/** A code the console has words for, in the agent's language; any other value as it was stored. */
function codeText<C extends string>(codes: readonly C[], value: string, textOf: (code: C) => TextRef): TextRef | string {
  const known = codes.find((code) => code === value);
  return known === undefined ? value : textOf(known);
}

/** One fact on a timeline line: words to translate, or a value shown as it is (a receipt, a resolution). */
export type EventFact = TextRef | string;

/** The facts of an event worth a line (never the whole JSON): reason, resolution, the consent sentence. */
export function eventFacts(event: TimelineEvent): EventFact[] {
  const facts: EventFact[] = [];
  const details = event.details;
  for (const name of ['reason', 'resolution', 'sentence', 'language', 'answer', 'customerName'] as const) {
    const value = details[name];
    if (typeof value !== 'string' || !value) continue;
    if (name === 'reason') facts.push(codeText(REASONS, value, (code) => text(`history.reasons.${code}`)));
    else if (name === 'answer') facts.push(codeText(ANSWERS, value, (code) => text(`history.answers.${code}`)));
    else if (name === 'language') facts.push(codeText(LANGUAGES, value, (code) => text(`history.languages.${code}`)));
    else facts.push(name === 'sentence' ? `“${value}”` : value);
  }
  if (typeof details.sharingMs === 'number') facts.push(sharedFor(Math.round(details.sharingMs / 1000)));
  if (event.receipt) facts.push(event.receipt);
  if (event.customerAddress) facts.push(event.customerAddress);
  return facts;
}
