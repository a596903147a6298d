import type { Kysely } from 'kysely';
import type { AuditEvent, AuditEventInput } from '../../signaling/server/audit/auditEvent';
import type { AuditLogOptions } from '../../signaling/server/audit/auditLog';
import type { Tables } from '../../signaling/server/db/schema';
import { UnrecordedAuditLog } from './unrecordedAuditLog';

/**
 * The bench's "audit wait": writes nothing and costs no CPU, but acknowledges like the real trail,
 * a group commit at a time: appends wait until a commit `delayMs` long ends; those that arrive
 * meanwhile go together into the next one (AuditLog.writeLoop). Separates what waiting for commits
 * does to the relay from what the database's work does.
 */
export class DelayedAuditLog extends UnrecordedAuditLog {
  private waiting: Array<() => void> = [];
  private committing = false;

  constructor(
    db: Kysely<Tables>,
    options: AuditLogOptions,
    private readonly delayMs: number,
  ) {
    super(db, options);
  }

  override append(input: AuditEventInput): Promise<AuditEvent> {
    const event = super.append(input);
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(event));
      if (!this.committing) this.commitLater();
    });
  }

  private commitLater(): void {
    this.committing = true;
    const batch = this.waiting;
    this.waiting = [];
    setTimeout(() => {
      for (const acknowledge of batch) acknowledge();
      if (this.waiting.length > 0) this.commitLater();
      else this.committing = false;
    }, this.delayMs);
  }
}
