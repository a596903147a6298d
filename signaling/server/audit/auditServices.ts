import type { Config } from '../config';
import type { Database } from '../db/openDatabase';
import type { Logger } from '../log';
import { AuditLog, type AuditOutbox } from './auditLog';
import { purgeOlderThan } from './retention';
import { closeLostSessions } from './serverLost';
import type { SessionStore } from '../store/sessionStore';

const DAY_MS = 86_400_000;

export interface AuditServices {
  readonly log: AuditLog;
  close(): Promise<void>;
}

/** The audit trail of this node, and its daily retention purge (AUDIT_RETENTION_DAYS). */
export function createAuditServices(
  config: Pick<Config, 'auditCustomerAddress' | 'auditRetentionDays'>,
  database: Database,
  nodeId: string,
  store: SessionStore,
  log: Logger,
  outbox?: AuditOutbox,
): AuditServices {
  const audit = new AuditLog(database.db, { nodeId, addressPolicy: config.auditCustomerAddress, ...(outbox ? { outbox } : {}) });
  const purge = async () => {
    try {
      const purged = await purgeOlderThan(database.db, new Date(Date.now() - config.auditRetentionDays * DAY_MS));
      if (purged > 0) log.info({ purged, retentionDays: config.auditRetentionDays }, 'old audit events purged');
    } catch (error) {
      log.error({ err: error }, 'audit retention purge failed');
    }
  };
  const closeLost = async () => {
    try {
      const closed = await closeLostSessions(database.db, store, audit);
      if (closed > 0) log.warn({ closed }, 'sessions a stopped server left open are recorded as ended: server lost');
    } catch (error) {
      log.error({ err: error }, 'could not close the sessions a stopped server left open');
    }
  };
  const started = Promise.all([purge(), closeLost()]);
  const timer = setInterval(() => void purge(), DAY_MS);
  timer.unref();
  return {
    log: audit,
    async close() {
      clearInterval(timer);
      await started;
      await audit.flushed();
    },
  };
}
