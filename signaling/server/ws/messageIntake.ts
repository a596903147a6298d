import {
  AgentMessage,
  CloseCode,
  CustomerMessage,
  PROTOCOL_VERSION,
  parseMessage,
  type ServerMessage,
} from '../../protocol';
import type { MessageRateLimiter } from '../limits/messageRateLimiter';
import type { ClientConnection } from './clientConnection';
import { dispatchAgent, dispatchCustomer } from './handlers/dispatch';
import { sendError, type HandlerContext } from './handlers/context';

const agentTypes = new Set<string>(AgentMessage.options.map((option) => option.shape.type.value));
const customerTypes = new Set<string>(CustomerMessage.options.map((option) => option.shape.type.value));
/** A client flooding past the rate limit this many times in a row is disconnected. */
const FLOOD_STRIKES = 20;

/**
 * Every received frame passes here: rate limit, JSON + schema validation for the sender's role,
 * the versioned hello first, then the handler for its type.
 */
export function createMessageIntake(
  ctx: HandlerContext,
  limiter: MessageRateLimiter,
  welcome: (connection: ClientConnection) => ServerMessage,
) {
  // Weak: a socket closed while throttled never sends the allowed message that would clear its entry.
  const strikes = new WeakMap<ClientConnection, number>();

  return async function receive(connection: ClientConnection, text: string): Promise<void> {
    if (!(await limiter.allow(connection.id))) {
      const count = (strikes.get(connection) ?? 0) + 1;
      strikes.set(connection, count);
      if (count >= FLOOD_STRIKES) connection.socket.close(CloseCode.rateLimited, 'too many messages');
      else if (count === 1) sendError(connection, 'rate-limited', 'Too many messages; some were dropped.');
      return;
    }
    strikes.delete(connection);

    const schema = connection.role === 'agent' ? AgentMessage : CustomerMessage;
    const parsed = parseMessage(schema, text);
    if (!parsed.ok) {
      const type = typeOf(text);
      const ownTypes = connection.role === 'agent' ? agentTypes : customerTypes;
      const otherTypes = connection.role === 'agent' ? customerTypes : agentTypes;
      if (type && !ownTypes.has(type) && otherTypes.has(type)) {
        return sendError(connection, 'not-allowed', `"${type}" is not allowed for the ${connection.role} role.`);
      }
      return sendError(connection, 'bad-message', `Message rejected: ${parsed.error}.`);
    }
    const message = parsed.value;

    if (!connection.greeted) {
      if (message.type !== 'hello') {
        sendError(connection, 'hello-required', 'Send hello first.');
        return connection.socket.close(CloseCode.protocolError, 'hello required');
      }
      if (message.protocol !== PROTOCOL_VERSION) {
        sendError(connection, 'unsupported-protocol', `This server speaks protocol ${PROTOCOL_VERSION}. Please reload.`);
        return connection.socket.close(CloseCode.protocolError, 'unsupported protocol');
      }
      connection.greeted = true;
      return connection.send(welcome(connection));
    }

    try {
      if (connection.role === 'agent') await dispatchAgent(ctx, connection, message as AgentMessage);
      else await dispatchCustomer(ctx, connection, message as CustomerMessage);
    } catch (error) {
      ctx.log.error({ err: error, connectionId: connection.id, type: message.type }, 'handler failed');
      sendError(connection, 'internal', 'Something went wrong on the server. Please try again.');
    }
  };
}

function typeOf(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string'
      ? value.type
      : undefined;
  } catch {
    return undefined;
  }
}
