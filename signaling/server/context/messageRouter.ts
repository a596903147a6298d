import type { ServerMessage } from '../../protocol';

/** Delivers a message to a connection wherever it is (this node, or another through the cluster). */
export interface MessageRouter {
  deliver(connectionId: string, message: ServerMessage): void;
}
