import type { ServerMessage } from '../../protocol';
import type { ClientConnection } from '../context/clientConnection';
import type { MessageRouter } from '../context/messageRouter';

/**
 * The connections of this node, and the local MessageRouter: handlers only ever address
 * connections through that interface, so a multi-node router (Redis pub/sub) can replace this one.
 */
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
