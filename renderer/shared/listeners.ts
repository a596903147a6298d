/**
 * A set of listeners: add() returns the function that removes that listener; emit() calls each
 * listener there was when it started (one added or removed meanwhile does not change that round).
 */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}
