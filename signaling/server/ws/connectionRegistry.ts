import type { ServerMessage } from '../../protocol';
import type { ClientConnection } from './clientConnection';

/**
 * Delivers a message to a connection by id. Handlers only ever address connections through this
 * interface, so a multi-node router (Redis pub/sub) can replace the local one.
 */
export interface MessageRouter {
  deliver(connectionId: string, message: ServerMessage): void;
}

export class ConnectionRegistry implements MessageRouter {
  private readonly connections = new Map<string, ClientConnection>();

  add(connection: ClientConnection): void {
    this.connections.set(connection.id, connection);
  }

  remove(connection: ClientConnection): void {
    this.connections.delete(connection.id);
  }

  has(connectionId: string): boolean {
    return this.connections.has(connectionId);
  }

  get size(): number {
    return this.connections.size;
  }

  all(): IterableIterator<ClientConnection> {
    return this.connections.values();
  }

  deliver(connectionId: string, message: ServerMessage): void {
    this.connections.get(connectionId)?.send(message);
  }
}
