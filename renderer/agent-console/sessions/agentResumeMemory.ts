/** One session this console can take back after a reload or a dropped connection. */
export interface AgentResumeEntry {
  sessionId: string;
  token: string;
  graceMs: number;
  /** The panel's number, so "Screen share 2" is still number 2 after a reload. */
  number: number;
  /** The web chat the share was requested in: after a reload its panel goes back there. */
  conversationId?: string;
  /** Who the session is with, as the panel shows it (the agent's label or the chat's name). */
  label?: string;
  /** When the session started (ms since the epoch). */
  startedAt?: number;
}

const STORAGE_KEY = 'screenshare.agent.resume';

/**
 * The console's resume tokens, per tab (sessionStorage): a reload finds them, another tab or a
 * closed browser does not. Tokens are single use; each resume brings a fresh one.
 */
export class AgentResumeMemory {
  private readonly entries = new Map<string, AgentResumeEntry>();

  constructor(private readonly storage: Storage | undefined = globalThis.sessionStorage) {
    for (const entry of this.read()) this.entries.set(entry.sessionId, entry);
  }

  all(): AgentResumeEntry[] {
    return [...this.entries.values()];
  }

  get(sessionId: string): AgentResumeEntry | undefined {
    return this.entries.get(sessionId);
  }

  save(entry: AgentResumeEntry): void {
    this.entries.set(entry.sessionId, entry);
    this.write();
  }

  forget(sessionId: string): void {
    if (this.entries.delete(sessionId)) this.write();
  }

  private read(): AgentResumeEntry[] {
    try {
      const value: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? '[]');
      return Array.isArray(value) ? value.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.all()));
    } catch (error) {
      console.warn('could not remember the resume tokens', error);
    }
  }
}

function isEntry(value: unknown): value is AgentResumeEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.sessionId === 'string' &&
    typeof entry.token === 'string' &&
    typeof entry.graceMs === 'number' &&
    typeof entry.number === 'number' &&
    (entry.conversationId === undefined || typeof entry.conversationId === 'string') &&
    (entry.label === undefined || typeof entry.label === 'string') &&
    (entry.startedAt === undefined || typeof entry.startedAt === 'number')
  );
}
