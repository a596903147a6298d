import type { AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import type { ApiUse } from './apiRoutes';

/** Every call with an API token goes on the audit trail (which token, what, the answer), and in the log. */
export function recordApiUse(audit: AuditLog, log: Logger): (use: ApiUse) => void {
  return (use) => {
    log.info({ apiToken: use.token.id, method: use.method, route: use.route, status: use.status, sessionId: use.sessionId, ip: use.address }, 'api request');
    audit
      .append({
        type: 'api.request',
        actor: 'integration',
        sessionId: use.sessionId,
        address: use.address,
        details: { tokenId: use.token.id, tokenName: use.token.name, method: use.method, route: use.route, status: use.status },
      })
      .catch((error: unknown) => log.error({ err: error, apiToken: use.token.id }, 'could not record an API request on the audit trail'));
  };
}
