const STORAGE_KEY = 'screenShare.chat.token';

/** The conversation token, kept so a reload continues the chat. Storage may be off: never throw. */
export const tokenStorage = {
  load(): string | null {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  },
  save(token: string): void {
    try {
      localStorage.setItem(STORAGE_KEY, token);
    } catch {
      // Without storage a reload starts a new chat; the chat itself still works.
    }
  },
  clear(): void {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing to clear
    }
  },
};
