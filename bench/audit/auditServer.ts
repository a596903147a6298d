import { createSignalingServer } from '../../signaling/server/app';
import { loadConfig } from '../../signaling/server/config';
import { openDatabase } from '../../signaling/server/db/openDatabase';
import { UnrecordedAuditLog } from './unrecordedAuditLog';

/**
 * Our server as the audit on/off bench starts it (`--audit=on|off`), configured from the
 * environment like dist/server/main.js; "off" hands the handlers a log that writes nothing.
 * Both modes run from source through tsx, so they differ only in the audit trail.
 */
const off = process.argv.includes('--audit=off');
const config = loadConfig();
const database = await openDatabase(config);
const server = await createSignalingServer(config, { database, ...(off ? { auditLog: new UnrecordedAuditLog(database.db, { nodeId: 'bench', addressPolicy: 'none' }) } : {}) });
console.log(`audit ${off ? 'off' : 'on'}\n  Customer page:  ${server.url}/`);
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
