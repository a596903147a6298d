import { HistoryPage, SessionTimeline, type HistoryQuery } from '../../../signaling/protocol/history';

export type HistoryAnswer<T> = { ok: true; value: T } | { ok: false; problem: 'bad-filters' | 'failed' };

/** The query string of a filter (empty values left out). */
export function historySearch(query: HistoryQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, String(value));
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function historyPage(query: HistoryQuery): Promise<HistoryAnswer<HistoryPage>> {
  return getJson(`/api/agent/history${historySearch(query)}`, HistoryPage);
}

export function sessionTimeline(sessionId: string): Promise<HistoryAnswer<SessionTimeline>> {
  return getJson(`/api/agent/history/sessions/${encodeURIComponent(sessionId)}`, SessionTimeline);
}

/** Where the browser downloads the filtered history as CSV. */
export function historyCsvUrl(query: Omit<HistoryQuery, 'cursor'>): string {
  return `/api/agent/history.csv${historySearch(query)}`;
}

async function getJson<T>(url: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): Promise<HistoryAnswer<T>> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 400) return { ok: false, problem: 'bad-filters' };
    if (!response.ok) return { ok: false, problem: 'failed' };
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: 'failed' };
  } catch {
    return { ok: false, problem: 'failed' };
  }
}
