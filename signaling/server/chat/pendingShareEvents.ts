/**
 * The chat's reactions to session messages (shareEvents.ts) run after the message went out. A
 * handler that ends a share and then posts more (ending the chat) waits here first, so both
 * people read "… stopped sharing" before "… ended the chat".
 */
export class PendingShareEvents {
  private readonly running = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Resolves when every reaction started so far has finished (failures are logged where they run). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
