import { CUSTOMER_FLOW, type FlowEvent } from './flowMachine';
import type { FlowState } from './flowState';

export type FlowListener = (state: FlowState) => void;

/**
 * The customer page's current screen and who watches it. Steps change only along CUSTOMER_FLOW
 * (move); everything within a step is an update.
 */
export class FlowSteps {
  private readonly listeners = new Set<FlowListener>();

  constructor(private current: FlowState) {}

  get state(): FlowState {
    return this.current;
  }

  subscribe(listener: FlowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the state without telling anyone: nothing on screen changes (typed text, the start). */
  keep(next: FlowState): void {
    this.current = next;
  }

  /** A change within the current step (busy, paused, connected…): not a transition. */
  update(next: FlowState): void {
    if (next.step !== this.current.step) return console.warn(`the customer flow took ${next.step} for an update of ${this.current.step}`);
    this.publish(next);
  }

  /** To another step, only along CUSTOMER_FLOW; false (and no change) where the table has no such move. */
  move(event: FlowEvent, next: FlowState): boolean {
    if (CUSTOMER_FLOW[this.current.step][event] !== next.step) {
      console.warn(`the customer flow ignored ${event} in ${this.current.step}`);
      return false;
    }
    this.publish(next);
    return true;
  }

  /** Tells the listeners again (something beside the state changed, e.g. the consent receipt). */
  publish(next: FlowState = this.current): void {
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}
