import type { Kysely } from 'kysely';
import type { HistoryRow } from '../../protocol/history';
import type { Tables } from '../db/schema';
import { historyPage, type HistoryFilter } from './historyQueries';

/** At most this many sessions in one export (a year of a large team); narrow the filter for more. */
export const MAX_CSV_ROWS = 100_000;
const BATCH = 1_000;

const HEADER = ['started_at', 'agent', 'session_id', 'customer', 'outcome', 'shared_seconds', 'receipt', 'kind'] as const;

/** The filtered history as CSV lines (header first), read a thousand sessions at a time. */
export async function* historyCsv(db: Kysely<Tables>, filter: HistoryFilter): AsyncGenerator<string> {
  yield csvLine(HEADER);
  let cursor: number | undefined;
  let written = 0;
  while (written < MAX_CSV_ROWS) {
    const page = await historyPage(db, filter, { cursor, limit: Math.min(BATCH, MAX_CSV_ROWS - written) });
    if (page.rows.length > 0) yield page.rows.map((row) => csvLine(cells(row))).join('');
    written += page.rows.length;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}

function cells(row: HistoryRow): Array<string | number | null> {
  return [row.startedAt, row.agent, row.sessionId, row.customer, row.outcome, row.sharedSeconds, row.receipt, row.kind];
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return (
    values
      .map((value) => {
        if (value === null) return '';
        let cell = String(value);
        if (typeof value === 'string' && /^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
        return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
      })
      .join(',') + '\r\n'
  );
}
