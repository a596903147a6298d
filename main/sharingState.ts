import type { SharingState } from '../preload/contract/desktopApi';

/** Whether the customer is sharing right now, as the renderer reports it; the indicator and tray follow it. */
export interface SharingStateStore {
  get(): SharingState;
  set(state: SharingState): void;
  onChange(listener: (state: SharingState) => void): () => void;
}

export function createSharingState(): SharingStateStore {
  let current: SharingState = { sharing: false };
  const listeners = new Set<(state: SharingState) => void>();
  return {
    get: () => current,
    set(state) {
      if (state.sharing === current.sharing && state.agentName === current.agentName && state.paused === current.paused) return;
      current = { ...state };
      for (const listener of listeners) listener(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
