import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { HISTORY_PAGE_SIZE } from '../../signaling/protocol/history';
import type { AuditEventInput } from '../../signaling/server/audit/auditEvent';
import { AuditLog } from '../../signaling/server/audit/auditLog';
import { openDatabase, type Database } from '../../signaling/server/db/openDatabase';
import { historyCsv } from '../../signaling/server/history/historyCsv';
import { historyPage, sessionTimeline, type HistoryFilter } from '../../signaling/server/history/historyQueries';
import type { Row } from '../report/model';
import { copyEmptyDatabase } from '../support/databaseTemplate';
import { median } from '../support/stats';

export interface HistoryBenchSettings {
  events: number;
  /** Times each query runs; the median is reported. */
  repeats: number;
}

export interface HistoryFigures {
  events: number;
  sessions: number;
  fillSeconds: number;
  /** query name → median ms */
  medians: Record<string, number>;
  csvRows: number;
}

const AGENTS = Array.from({ length: 20 }, (_, i) => `agent${String(i + 1).padStart(2, '0')}`);

/**
 * The history view's queries over an embedded database (PGlite in a folder, as `npm start` runs)
 * holding `events` audit events: ~5 per share session, 20 agents, one in six declined. Each is
 * printed beside the plainest read of the same table in the same run (the limit): 50 events by
 * primary key for a page, every event in chain order for the CSV export.
 */
export async function measureHistory(settings: HistoryBenchSettings, log: (line: string) => void): Promise<{ rows: Row[]; details: HistoryFigures }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-history-'));
  await copyEmptyDatabase(path.join(dir, 'database'));
  const database = await openDatabase({ databaseUrl: undefined, databaseDir: path.join(dir, 'database') });
  try {
    const fillStart = performance.now();
    const sessions = await fill(database, settings.events);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    log(`history: ${settings.events} events (${sessions} sessions) written in ${fillSeconds.toFixed(0)} s`);
    const db = database.db;
    await sql`analyze`.execute(db);

    const time = async (work: () => Promise<unknown>) => {
      await work();
      const samples: number[] = [];
      for (let i = 0; i < settings.repeats; i++) {
        const start = performance.now();
        await work();
        samples.push(performance.now() - start);
      }
      return median(samples);
    };
    const page = (filter: HistoryFilter, cursor?: number) => historyPage(db, filter, { cursor, limit: HISTORY_PAGE_SIZE });
    const middle = Math.floor(settings.events / 2);
    const receipt = (await db.selectFrom('audit_events').select('receipt').where('receipt', 'is not', null).where('seq', '<', middle).orderBy('seq', 'desc').executeTakeFirstOrThrow()).receipt ?? '';
    const oneSession = (await db.selectFrom('audit_events').select('session_id').where('seq', '=', middle).executeTakeFirstOrThrow()).session_id ?? '';
    let csvRows = 0;
    const medians: Record<string, number> = {
      baselinePage: await time(() => db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(HISTORY_PAGE_SIZE).execute()),
      firstPage: await time(() => page({})),
      agentPage: await time(() => page({ agent: 'agent07' })),
      deepPage: await time(() => page({}, middle)),
      declinedPage: await time(() => page({ outcome: 'declined' })),
      findReceipt: await time(() => page({ find: receipt })),
      timeline: await time(() => sessionTimeline(db, oneSession)),
      baselineScan: await time(() => db.selectFrom('audit_events').selectAll().orderBy('seq').execute()),
      csvAll: await time(async () => {
        csvRows = 0;
        for await (const chunk of historyCsv(db, {})) csvRows += chunk.split('\r\n').length - 1;
        csvRows -= 1;
      }),
    };
    log(`history: ${Object.entries(medians).map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`).join(', ')}`);
    const figures: HistoryFigures = { events: settings.events, sessions, fillSeconds, medians, csvRows };
    return { rows: historyRows(figures), details: figures };
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the events through the real audit log (hash chain), a few thousand per transaction. */
async function fill(database: Database, events: number): Promise<number> {
  let now = new Date(Date.now() - 90 * 86_400_000);
  const log = new AuditLog(database.db, { nodeId: 'bench', addressPolicy: 'truncated', now: () => now });
  let written = 0;
  let session = 0;
  while (written < events) {
    const batch: AuditEventInput[] = [];
    while (batch.length < 2_000 && written + batch.length < events) batch.push(...sessionEvents(session++));
    now = new Date(now.getTime() + 60_000);
    await database.db.transaction().execute((trx) => log.appendIn(trx, batch));
    written += batch.length;
  }
  return session;
}

function sessionEvents(index: number): AuditEventInput[] {
  const sessionId = `bench-${index}`;
  const agent = AGENTS[index % AGENTS.length];
  const step = { sessionId, agent };
  const customer = { ...step, actor: 'customer' as const, address: `198.51.100.${index % 250}`, userAgent: 'Mozilla/5.0 (bench)' };
  const issued: AuditEventInput = { type: 'key.issued', actor: 'agent', ...step, details: { expiresAt: new Date().toISOString() } };
  if (index % 6 === 0) return [issued, { type: 'consent.declined', ...customer }, { type: 'share.ended', actor: 'customer', ...step, details: { by: 'customer', reason: 'declined' } }];
  return [
    issued,
    { type: 'consent.given', ...customer, receipt: receiptOf(index), details: { sentence: 'You agreed to share your screen with Agent (Acme).', language: 'en' } },
    { type: 'share.started', ...customer, details: { resolution: '1920x1080' } },
    { type: 'share.ended', actor: 'agent', ...step, details: { by: 'agent', reason: 'ended', durationMs: 300_000, sharingMs: 240_000 } },
  ];
}

function receiptOf(index: number): string {
  const id = index.toString(36).toUpperCase().padStart(8, '0');
  return `${id.slice(0, 4)}-${id.slice(4)}`;
}

function historyRows(figures: HistoryFigures): Row[] {
  const m = figures.medians;
  const of = (name: string) => m[name] ?? Number.NaN;
  const events = figures.events.toLocaleString('en');
  const pageRow = (figure: string, name: string): Row => ({
    section: 'history',
    figure: `${figure} (${events} events)`,
    unit: 'ms',
    ours: of(name),
    limit: of('baselinePage'),
    target: '≤ 100 ms',
    met: of(name) <= 100,
    decimals: 1,
  });
  return [
    { ...pageRow('first page of 50 sessions', 'firstPage'), note: 'Limit = 50 events read by primary key, same database, same run' },
    pageRow("one agent's first page", 'agentPage'),
    pageRow('a page half-way back (cursor)', 'deepPage'),
    pageRow('outcome filter: declined', 'declinedPage'),
    pageRow('find by receipt', 'findReceipt'),
    pageRow("one session's timeline", 'timeline'),
    {
      section: 'history',
      figure: `CSV export of all ${figures.csvRows.toLocaleString('en')} sessions`,
      unit: 'ms',
      ours: of('csvAll'),
      limit: of('baselineScan'),
      target: '≤ limit',
      met: of('csvAll') <= of('baselineScan'),
      note: `Limit = reading all ${events} events in chain order; written in ${figures.fillSeconds.toFixed(0)} s`,
    },
  ];
}
