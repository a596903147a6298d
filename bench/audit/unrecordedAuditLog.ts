import { randomUUID } from 'node:crypto';
import type { AuditEvent, AuditEventInput } from '../../signaling/server/audit/auditEvent';
import { AuditLog } from '../../signaling/server/audit/auditLog';

/** The bench's "audit off": every append resolves at once with an event that is never written. */
export class UnrecordedAuditLog extends AuditLog {
  private seq = 0;

  override append(input: AuditEventInput): Promise<AuditEvent> {
    return Promise.resolve({
      seq: ++this.seq,
      id: randomUUID(),
      at: new Date(),
      type: input.type,
      sessionId: input.sessionId ?? null,
      conversationId: input.conversationId ?? null,
      agent: input.agent ?? null,
      actor: input.actor,
      customerAddress: null,
      userAgent: null,
      node: 'bench',
      details: { ...input.details },
      receipt: input.receipt ?? null,
      prevHash: '',
      hash: '',
    });
  }
}
