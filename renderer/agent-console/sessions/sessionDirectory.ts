/**
 * Finds the panel a server message belongs to: by sessionId once the server has assigned one,
 * before that by the `ref` we attached to the request.
 */
export class SessionDirectory<Panel> {
  private readonly byRef = new Map<string, Panel>();
  private readonly bySessionId = new Map<string, Panel>();
  private counter = 0;

  /** A fresh ref for a request made on behalf of a panel. */
  refFor(panel: Panel, action: string): string {
    this.counter += 1;
    const ref = `${action}-${this.counter}`;
    this.byRef.set(ref, panel);
    return ref;
  }

  bind(sessionId: string, panel: Panel): void {
    this.bySessionId.set(sessionId, panel);
  }

  find(message: { sessionId?: string | undefined; ref?: string | undefined }): Panel | undefined {
    if (message.sessionId !== undefined) {
      const panel = this.bySessionId.get(message.sessionId);
      if (panel) return panel;
    }
    return message.ref === undefined ? undefined : this.byRef.get(message.ref);
  }

  forget(panel: Panel): void {
    for (const map of [this.byRef, this.bySessionId]) {
      for (const [id, candidate] of map) if (candidate === panel) map.delete(id);
    }
  }
}

/** The smallest panel number not in use, so the visible panels stay numbered 1, 2, 3… */
export function lowestFreeNumber(used: Iterable<number>): number {
  const taken = new Set(used);
  let candidate = 1;
  while (taken.has(candidate)) candidate += 1;
  return candidate;
}
