import { transitionsOf, type Transition, type TransitionTable } from '../../../../renderer/shared/connection/transitionTable';

/**
 * The shortest sequence of events from the initial state to each state of a table (what
 * @xstate/graph's shortest paths give for an XState machine), so a test can reach any state
 * through the real object and then walk every transition out of it.
 */
export function shortestPaths<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  initial: State,
): Map<State, Event[]> {
  const paths = new Map<State, Event[]>([[initial, []]]);
  const queue: State[] = [initial];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    const path = paths.get(state) ?? [];
    for (const { event, to } of transitionsOf(table).filter((row) => row.from === state)) {
      if (paths.has(to)) continue;
      paths.set(to, [...path, event]);
      queue.push(to);
    }
  }
  return paths;
}

/** Each transition with the events that lead to its start; throws if a state cannot be reached. */
export function walks<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  initial: State,
): { transition: Transition<State, Event>; path: Event[] }[] {
  const paths = shortestPaths(table, initial);
  return transitionsOf(table).map((transition) => {
    const path = paths.get(transition.from);
    if (!path) throw new Error(`state ${transition.from} cannot be reached from ${initial}`);
    return { transition, path };
  });
}

export const describeTransition = ({ from, event, to }: Transition<string, string>): string => `${from} --${event}--> ${to}`;
