import type { WebSocket } from 'ws';
import type { Role, ServerMessage } from '../../protocol';
import type { AgentAccount } from '../accounts/accountDirectory';

/** One signaling socket, with what the server knows about its sender (never what it claims). */
export class ClientConnection {
  /** Set when the socket answers a ping; cleared before each heartbeat ping. */
  alive = true;
  greeted = false;
  /** Sessions this connection takes part in: many for an agent, at most one for a customer. */
  readonly sessionIds = new Set<string>();
  /** Messages are handled one after another, in the order they arrived. */
  private inbox: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly role: Role,
    readonly ip: string,
    readonly socket: WebSocket,
    readonly agent: AgentAccount | undefined,
  ) {}

  enqueue(work: () => Promise<void>): void {
    this.inbox = this.inbox.then(work, work);
  }

  send(message: ServerMessage): void {
    if (message.type === 'session.ended') this.sessionIds.delete(message.sessionId);
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
