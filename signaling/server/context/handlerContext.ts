import type { Config } from '../config';
import type { KeyExpiryTimers } from '../keys/keyExpiryTimers';
import type { KeyAttemptLimiter } from '../limits/keyAttemptLimiter';
import type { AgentKeyLimiter } from '../limits/agentKeyLimiter';
import type { Logger } from '../log';
import type { ClientWarnings } from '../clientWarnings';
import type { ServerMetrics } from '../metrics';
import type { SessionStore } from '../store/sessionStore';
import type { ChatServices } from '../chat/chatServices';
import type { ResumeServices } from '../sessions/resumeServices';
import type { AuditLog } from '../audit/auditLog';
import type { ErrorCode, ServerMessage } from '../../protocol';
import type { ClientConnection } from './clientConnection';
import type { MessageRouter } from './messageRouter';

/** What every message handler may use; handlers never reach for globals. */
export interface HandlerContext {
  config: Pick<Config, 'keyTtlMs' | 'organisation' | 'resumeGraceMs' | 'iceServers' | 'turn' | 'agentLimits' | 'allowWindowShare'>;
  store: SessionStore;
  router: MessageRouter;
  keyLimiter: KeyAttemptLimiter;
  /** Keys issued per agent account and minute (KEYS_PER_AGENT_PER_MINUTE). */
  agentKeys: AgentKeyLimiter;
  keyTimers: KeyExpiryTimers;
  log: Logger;
  /** Warnings a client can cause at will: rate-limited per client (clientWarnings.ts). */
  warnings: ClientWarnings;
  metrics: ServerMetrics;
  /** Web chat: conversations, their limits (chat/chatServices.ts). */
  chat: ChatServices;
  /** Grace timers and node liveness for sessions whose members went away (sessions/memberPresence.ts). */
  resume: ResumeServices;
  /** The audit trail: every step is appended (and awaited) before it is acknowledged. */
  audit: AuditLog;
}

export type Handler<M> = (ctx: HandlerContext, connection: ClientConnection, message: M) => Promise<void>;

export function sendError(
  connection: ClientConnection,
  code: ErrorCode,
  message: string,
  extra: { ref?: string | undefined; retryAfterMs?: number } = {},
): void {
  const error: ServerMessage = { type: 'error', code, message, ...extra };
  connection.send(error);
}
