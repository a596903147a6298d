import { AgentResumeMemory } from './agentResumeMemory';

/** How long the console keeps trying to take a linked session (the server ends it when unused). */
const LINK_GRACE_MS = 60_000;

/**
 * A link from the REST API (/agent#session=…&token=…) opens a session an integration started for
 * this agent: its resume token goes into the tab's resume memory, where the console takes it back
 * like a session of its own after a reload. The fragment is removed from the address at once.
 */
export function adoptSessionLink(memory = new AgentResumeMemory()): void {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const sessionId = fragment.get('session');
  const token = fragment.get('token');
  if (!sessionId || !token) return;
  history.replaceState(null, '', location.pathname + location.search);
  if (memory.get(sessionId)) return;
  const number = Math.max(0, ...memory.all().map((entry) => entry.number)) + 1;
  const label = new URLSearchParams(location.search).get('conversation') ?? undefined;
  memory.save({ sessionId, token, graceMs: LINK_GRACE_MS, number, startedAt: Date.now(), ...(label ? { label } : {}) });
}
