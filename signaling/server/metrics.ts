import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Role } from '../protocol';

const FAILED_KEY_REASONS = ['wrong', 'expired', 'used', 'replaced', 'malformed', 'locked-out'] as const;
export type FailedKeyReason = (typeof FAILED_KEY_REASONS)[number];
/** How a screen-share request in a chat turned out: shared, "No thanks", unused, or ended before sharing. */
const CHAT_SHARE_OUTCOMES = ['started', 'declined', 'expired', 'cancelled'] as const;
export type ChatShareOutcome = (typeof CHAT_SHARE_OUTCOMES)[number];

/** The live connections of this node, as the gauges read them at scrape time. */
export type ConnectionSource = () => Iterable<{ readonly role: Role; readonly sessionIds: ReadonlySet<string> }>;

/**
 * This node's figures for Prometheus (GET /metrics). Counters are per node; a dashboard sums them
 * over all nodes. Sessions are counted on the node of their agent, so that sum is exact too.
 */
export interface ServerMetrics {
  keyIssued(): void;
  keyAttemptFailed(reason: FailedKeyReason): void;
  signalRelayed(from: Role): void;
  chatStarted(): void;
  chatMessageRelayed(from: 'customer' | 'agent'): void;
  chatShareRequestSettled(outcome: ChatShareOutcome): void;
  readonly contentType: string;
  render(): Promise<string>;
}

export function createMetrics(connections: ConnectionSource): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const keysIssued = new Counter({
    name: 'screenshare_keys_issued_total',
    help: 'Security keys handed to agents (new sessions and renewed keys).',
    registers: [registry],
  });
  const failedAttempts = new Counter({
    name: 'screenshare_key_attempts_failed_total',
    help: 'Key attempts that did not open a session, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const relayed = new Counter({
    name: 'screenshare_signals_relayed_total',
    help: 'WebRTC signaling messages relayed between agent and customer, by sender.',
    labelNames: ['from'] as const,
    registers: [registry],
  });
  const chatsStarted = new Counter({
    name: 'screenshare_chat_conversations_started_total',
    help: 'Web-chat conversations started by customers.',
    registers: [registry],
  });
  const chatMessages = new Counter({
    name: 'screenshare_chat_messages_relayed_total',
    help: 'Chat messages relayed within conversations, by sender.',
    labelNames: ['from'] as const,
    registers: [registry],
  });
  const chatShareRequests = new Counter({
    name: 'screenshare_chat_share_requests_total',
    help: 'Screen-share requests in chats, counted once each when settled, by outcome (started, declined, expired, cancelled).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Every series exists from the start (at 0), so rate() and alerts work before the first event.
  for (const reason of FAILED_KEY_REASONS) failedAttempts.inc({ reason }, 0);
  for (const from of ['agent', 'customer'] as const) relayed.inc({ from }, 0);
  for (const from of ['agent', 'customer'] as const) chatMessages.inc({ from }, 0);
  for (const outcome of CHAT_SHARE_OUTCOMES) chatShareRequests.inc({ outcome }, 0);
  new Gauge({
    name: 'screenshare_sessions_active',
    help: 'Screen-share sessions whose agent is connected to this node.',
    registers: [registry],
    collect() {
      let sessions = 0;
      for (const connection of connections()) if (connection.role === 'agent') sessions += connection.sessionIds.size;
      this.set(sessions);
    },
  });
  new Gauge({
    name: 'screenshare_connections',
    help: 'Open signaling connections on this node, by role.',
    labelNames: ['role'] as const,
    registers: [registry],
    collect() {
      const count: Record<Role, number> = { agent: 0, customer: 0 };
      for (const connection of connections()) count[connection.role] += 1;
      for (const role of ['agent', 'customer'] as const) this.set({ role }, count[role]);
    },
  });

  // One child per role, looked up once: relayed signals are counted on the hot path.
  const relayedFrom: Record<Role, { inc(): void }> = { agent: relayed.labels('agent'), customer: relayed.labels('customer') };

  return {
    keyIssued: () => keysIssued.inc(),
    keyAttemptFailed: (reason) => failedAttempts.inc({ reason }),
    signalRelayed: (from) => relayedFrom[from].inc(),
    chatStarted: () => chatsStarted.inc(),
    chatMessageRelayed: (from) => chatMessages.inc({ from }),
    chatShareRequestSettled: (outcome) => chatShareRequests.inc({ outcome }),
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
