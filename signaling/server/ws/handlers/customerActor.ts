import type { AuditEventInput } from '../../audit/auditEvent';
import type { ClientConnection } from '../../context/clientConnection';

/** The customer behind this connection, as the audit trail records who did a step. */
export function customerActor(connection: ClientConnection): Pick<AuditEventInput, 'actor' | 'address' | 'userAgent'> {
  return { actor: 'customer', address: connection.ip, userAgent: connection.userAgent };
}
