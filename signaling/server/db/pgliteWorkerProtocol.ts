/**
 * The messages between the server and its PGlite worker thread (pgliteWorker.ts). One request at
 * a time per lease: BEGIN, the transaction's statements and COMMIT/ROLLBACK travel as queries on
 * one lease of PGlitePool, so transactions never interleave.
 */
export interface PGliteWorkerData {
  /** A folder, or 'memory://'. */
  readonly dataDir: string;
}

export type PGliteCall = { readonly kind: 'query'; readonly sql: string; readonly parameters: unknown[] } | { readonly kind: 'close' };
export type PGliteRequest = PGliteCall & { readonly id: number };

export type PGliteReply =
  | { readonly id: number; readonly ok: true; readonly rows: unknown[]; readonly affectedRows: number | undefined; readonly inTransaction: boolean }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code: string | undefined; readonly inTransaction: boolean };

/** The worker's first message: the database is open, or why it is not. */
export type PGliteStarted = { readonly kind: 'ready' } | { readonly kind: 'failed'; readonly message: string };
