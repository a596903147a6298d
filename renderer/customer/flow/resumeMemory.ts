import type { AgentIdentity } from '../../../signaling/protocol';

/** What a page needs to pick its session up again after a reload. */
export interface SavedResume {
  sessionId: string;
  token: string;
  graceMs: number;
  agent: AgentIdentity | null;
}

/** Where the resume token lives: per tab (sessionStorage), so a reload finds it and other tabs do not. */
export interface ResumeMemory {
  load(): SavedResume | null;
  save(saved: SavedResume): void;
  clear(): void;
}

const STORAGE_KEY = 'screenshare.customer.resume';

export function sessionStorageResumeMemory(storage: Storage | undefined = globalThis.sessionStorage): ResumeMemory {
  return {
    load() {
      try {
        const value: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
        return isSavedResume(value) ? value : null;
      } catch {
        return null;
      }
    },
    save(saved) {
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify(saved));
      } catch (error) {
        console.warn('could not remember the resume token; a reload will need a new key', error);
      }
    },
    clear() {
      try {
        storage?.removeItem(STORAGE_KEY);
      } catch {
        // nothing to forget
      }
    },
  };
}

/** For tests and pages that must never resume. */
export const noResumeMemory: ResumeMemory = { load: () => null, save: () => undefined, clear: () => undefined };

function isSavedResume(value: unknown): value is SavedResume {
  if (typeof value !== 'object' || value === null) return false;
  const saved = value as Record<string, unknown>;
  return typeof saved.sessionId === 'string' && typeof saved.token === 'string' && typeof saved.graceMs === 'number';
}
