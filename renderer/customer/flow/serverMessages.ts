import type { ServerMessageOf } from '../../../signaling/protocol';
import type { CustomerLink } from './customerLink';

/** The server messages the customer flow acts on. */
const HANDLED = [
  'key.accepted',
  'key.agentTold',
  'error',
  'session.ended',
  'signal',
  'session.ice',
  'session.token',
  'session.resumed',
  'session.peer',
  'consent.recorded',
] as const;

type HandledType = (typeof HANDLED)[number];

/** One handler per message the flow acts on; each gets the message already validated. */
export type ServerHandlers = { [T in HandledType]: (message: ServerMessageOf<T>) => void };

/** Attaches the handlers to a socket; they run only while `isCurrent()` (a replaced socket is ignored). */
export function listenToServer(link: CustomerLink, isCurrent: () => boolean, handlers: ServerHandlers): void {
  const wire = <T extends HandledType>(type: T): void => {
    link.on(type, (message: ServerMessageOf<T>) => {
      if (isCurrent()) handlers[type](message);
    });
  };
  for (const type of HANDLED) wire(type);
}
