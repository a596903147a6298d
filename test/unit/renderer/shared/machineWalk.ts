import { transitionsOf, type Transition, type TransitionTable } from '../../../../renderer/shared/connection/transitionTable';

/**
 * The shortest sequence of events from a start state to each state of a table (what
 * @xstate/graph's shortest paths give for an XState machine), so a test can reach any state
 * through the real object and then walk every transition out of it.
 */
export function shortestPaths<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  start: State,
): Map<State, Event[]> {
  const paths = new Map<State, Event[]>([[start, []]]);
  const queue: State[] = [start];
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

/**
 * Each transition with a start state and the events that lead from it to the transition's own
 * start (the first start that reaches it); throws if a state cannot be reached from any start.
 */
export function walks<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  starts: State | readonly State[],
): { transition: Transition<State, Event>; start: State; path: Event[] }[] {
  const fromEach = (typeof starts === 'string' ? [starts] : starts).map((start) => ({ start, paths: shortestPaths(table, start) }));
  return transitionsOf(table).map((transition) => {
    for (const { start, paths } of fromEach) {
      const path = paths.get(transition.from);
      if (path) return { transition, start, path };
    }
    throw new Error(`state ${transition.from} cannot be reached`);
  });
}

export const describeTransition = ({ from, event, to }: Transition<string, string>): string => `${from} --${event}--> ${to}`;
