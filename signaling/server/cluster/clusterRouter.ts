import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ServerMessage } from '../../protocol';
import type { Logger } from '../log';
import type { MessageRouter } from '../context/messageRouter';
import { nodeOfConnection } from './nodeIdentity';

/** What travels between nodes: one server message for one connection. Validated on arrival. */
const Envelope = z.object({ connectionId: z.string().min(1).max(200), message: ServerMessage });

export const nodeChannel = (prefix: string, nodeId: string) => `${prefix}node:${nodeId}`;

/**
 * Delivers to a connection wherever it lives: directly when it is on this node, otherwise through
 * the Redis channel of its node, whose router hands it to the local connection there. So a
 * connection's own node always does the final `send` (which also keeps its session list right),
 * and messages for one connection from one node arrive in the order they were sent.
 */
export class ClusterRouter implements MessageRouter {
  private readonly channel: string;

  constructor(
    private readonly nodeId: string,
    private readonly local: MessageRouter,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.channel = nodeChannel(prefix, nodeId);
  }

  /** Starts taking messages for this node's connections from other nodes. */
  async listen(): Promise<void> {
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.receive(text);
    });
    await this.subscriber.subscribe(this.channel);
  }

  deliver(connectionId: string, message: ServerMessage): void {
    const node = nodeOfConnection(connectionId);
    if (node === undefined || node === this.nodeId) return this.local.deliver(connectionId, message);
    const envelope: z.infer<typeof Envelope> = { connectionId, message };
    this.publisher.publish(nodeChannel(this.prefix, node), JSON.stringify(envelope)).then(
      (receivers) => {
        // Nobody listening: that node is gone, and its sockets with it.
        if (receivers === 0) this.log.debug({ node, type: message.type }, 'message for a node that is not running');
      },
      (error: unknown) =>
        this.log.warn({ err: error, node, type: message.type }, 'could not pass a message to another node'),
    );
  }

  private receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.log.warn({ channel: this.channel }, 'dropped a message from another node: not JSON');
    }
    const envelope = Envelope.safeParse(json);
    if (!envelope.success) {
      const issue = envelope.error.issues[0]?.message;
      return this.log.warn({ channel: this.channel, issue }, 'dropped an invalid message from another node');
    }
    const { connectionId, message } = envelope.data;
    if (nodeOfConnection(connectionId) !== this.nodeId) {
      return this.log.warn({ channel: this.channel }, 'dropped a message for a connection on another node');
    }
    this.local.deliver(connectionId, message);
  }
}
