import type { ServerMessage, ServerMessageOf } from '../../signaling/protocol';
import { Listeners } from './listeners';

export type ServerMessageHandler<T extends ServerMessage['type']> = (message: ServerMessageOf<T>) => void;

/** Handlers of server messages by type (for the real signaling connection and the tests' fakes). */
export class ServerMessageHandlers {
  private readonly byType = new Map<ServerMessage['type'], Listeners<ServerMessage>>();

  /** Adds a handler for one message type; returns the function that removes it. */
  on<T extends ServerMessage['type']>(type: T, handler: ServerMessageHandler<T>): () => void {
    const listeners = this.byType.get(type) ?? new Listeners<ServerMessage>();
    this.byType.set(type, listeners);
    return listeners.add(handler as (message: ServerMessage) => void);
  }

  /** Calls the handlers of the message's type. */
  dispatch(message: ServerMessage): void {
    this.byType.get(message.type)?.emit(message);
  }
}
