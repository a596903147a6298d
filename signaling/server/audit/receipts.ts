import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema';
import { eventFromRow } from './eventRows';

/** Letters and digits that cannot be mistaken for each other when read aloud or retyped (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A consent receipt id as the customer sees it: 7F3K-Q2LM. */
export function newReceiptId(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function normalizeReceiptId(text: string): string {
  const compact = text.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}

export interface ConsentReceipt {
  readonly receipt: string;
  /** The sentence exactly as the customer's page showed it. */
  readonly sentence: string;
  readonly language: string;
  readonly agent: string | null;
  readonly agentName: string;
  readonly organisation: string;
  readonly at: string;
  readonly sessionId: string | null;
  readonly conversationId: string | null;
  /** Where the consent sits in the hash chain. */
  readonly chain: { readonly seq: number; readonly hash: string; readonly prevHash: string };
}

export async function findReceipt(db: Kysely<Tables>, id: string): Promise<ConsentReceipt | undefined> {
  const row = await db.selectFrom('audit_events').selectAll().where('receipt', '=', normalizeReceiptId(id)).executeTakeFirst();
  if (!row) return undefined;
  const event = eventFromRow(row);
  const text = (key: string) => (typeof event.details[key] === 'string' ? (event.details[key] as string) : '');
  return {
    receipt: event.receipt ?? '',
    sentence: text('sentence'),
    language: text('language'),
    agent: event.agent,
    agentName: text('agentName'),
    organisation: text('organisation'),
    at: event.at.toISOString(),
    sessionId: event.sessionId,
    conversationId: event.conversationId,
    chain: { seq: event.seq, hash: event.hash, prevHash: event.prevHash },
  };
}
