/**
 * A typed transition table: for each state, the events it accepts and the state each one leads
 * to. An event a state does not list is ignored there (that is the point: late answers and
 * stale timers cannot move a machine somewhere it should not be).
 */
export type TransitionTable<State extends string, Event extends string> = {
  readonly [From in State]: Readonly<Partial<Record<Event, State>>>;
};

export interface Transition<State extends string, Event extends string> {
  from: State;
  event: Event;
  to: State;
}

/** Every row of a table, for documentation and for tests that walk each transition. */
export function transitionsOf<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
): Transition<State, Event>[] {
  const rows: Transition<State, Event>[] = [];
  for (const from of Object.keys(table) as State[]) {
    for (const [event, to] of Object.entries(table[from]) as [Event, State | undefined][]) {
      if (to !== undefined) rows.push({ from, event, to });
    }
  }
  return rows;
}

/** A machine that only ever moves along its table. */
export class StateMachine<State extends string, Event extends string> {
  private current: State;

  constructor(
    private readonly table: TransitionTable<State, Event>,
    initial: State,
    private readonly onTransition?: (transition: Transition<State, Event>) => void,
  ) {
    this.current = initial;
  }

  get state(): State {
    return this.current;
  }

  can(event: Event): boolean {
    return this.table[this.current][event] !== undefined;
  }

  /** Moves along the table; false (and no change) when the current state does not take the event. */
  send(event: Event): boolean {
    const to = this.table[this.current][event];
    if (to === undefined) return false;
    const from = this.current;
    this.current = to;
    this.onTransition?.({ from, event, to });
    return true;
  }
}
