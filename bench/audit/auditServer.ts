import { AuditLog } from '../../signaling/server/audit/auditLog';
import { createSignalingServer } from '../../signaling/server/app';
import { loadConfig } from '../../signaling/server/config';
import { openDatabase } from '../../signaling/server/db/openDatabase';
import { DelayedAuditLog } from './delayedAuditLog';
import { answerProbes } from './serverProbe';
import { UnrecordedAuditLog } from './unrecordedAuditLog';

/**
 * Our server as the audit on/off bench starts it (`--audit=on|off|wait`), configured from the
 * environment like dist/server/main.js; "off" hands the handlers a log that writes nothing, "wait"
 * one that writes nothing but acknowledges a group commit at a time (`--commit-ms=N`, see
 * delayedAuditLog.ts). All modes run from source through tsx, so they differ only in the audit trail.
 */
const mode = /--audit=(\w+)/.exec(process.argv.join(' '))?.[1] ?? 'on';
const commitMs = Number(/--commit-ms=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 10);
const config = loadConfig();
const database = await openDatabase(config);
const benchLog = { nodeId: 'bench', addressPolicy: 'none' } as const;
const auditLog = mode === 'off' ? new UnrecordedAuditLog(database.db, benchLog) : mode === 'wait' ? new DelayedAuditLog(database.db, benchLog, commitMs) : undefined;
const probes = answerProbes();
probes.timeAppends(auditLog ?? AuditLog.prototype);
const server = await createSignalingServer(config, { database, ...(auditLog ? { auditLog } : {}) });
console.log(`audit ${mode}\n  Customer page:  ${server.url}/`);
const stop = () => {
  void server
    .close()
    .then(() => database.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
