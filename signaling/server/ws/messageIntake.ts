import * as z from 'zod';
import {
  AgentMessage,
  CloseCode,
  CustomerMessage,
  PROTOCOL_VERSION,
  parseMessage,
  type ServerMessage,
} from '../../protocol';
import type { MessageRateLimiter } from '../limits/messageRateLimiter';
import type { ClientConnection } from '../context/clientConnection';
import { dispatchAgent, dispatchCustomer } from './handlers/dispatch';
import { relaySignalNow } from './handlers/relaySignal';
import { sendError, type HandlerContext } from '../context/handlerContext';

/**
 * The inbound unions compiled by zod ahead of time (`z.compile`): the same schemas and the same
 * answers (a rejected message is re-checked by zod's runtime parser for its issues), but one
 * generated function per union instead of a walk through schema objects for every frame.
 */
const agentSchema = z.compile(AgentMessage);
const customerSchema = z.compile(CustomerMessage);
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

  /**
   * Checks and hands one frame to its handler. Answers undefined when it is done, or the
   * handler's promise (which never rejects) when the handler has to wait; never throws.
   */
  return function receive(connection: ClientConnection, text: string): Promise<void> | undefined {
    try {
      return checkAndDispatch(connection, text);
    } catch (error) {
      failed(connection, undefined, error);
      return undefined;
    }
  };

  function failed(connection: ClientConnection, type: string | undefined, error: unknown): void {
    ctx.log.error({ err: error, connectionId: connection.id, type }, 'handler failed');
    sendError(connection, 'internal', 'Something went wrong on the server. Please try again.');
  }

  function checkAndDispatch(connection: ClientConnection, text: string): Promise<void> | undefined {
    if (!limiter.allow(connection.id)) {
      const count = (strikes.get(connection) ?? 0) + 1;
      strikes.set(connection, count);
      if (count >= FLOOD_STRIKES) connection.socket.close(CloseCode.rateLimited, 'too many messages');
      else if (count === 1) sendError(connection, 'rate-limited', 'Too many messages; some were dropped.');
      return undefined;
    }
    strikes.delete(connection);

    const schema = connection.role === 'agent' ? agentSchema : customerSchema;
    const parsed = parseMessage(schema, text);
    if (!parsed.ok) {
      const type = typeOf(text);
      const ownTypes = connection.role === 'agent' ? agentTypes : customerTypes;
      const otherTypes = connection.role === 'agent' ? customerTypes : agentTypes;
      if (type && !ownTypes.has(type) && otherTypes.has(type)) {
        sendError(connection, 'not-allowed', `"${type}" is not allowed for the ${connection.role} role.`);
        return undefined;
      }
      sendError(connection, 'bad-message', `Message rejected: ${parsed.error}.`);
      return undefined;
    }
    const message = parsed.value;

    if (!connection.greeted) {
      if (message.type !== 'hello') {
        sendError(connection, 'hello-required', 'Send hello first.');
        connection.socket.close(CloseCode.protocolError, 'hello required');
        return undefined;
      }
      if (message.protocol !== PROTOCOL_VERSION) {
        sendError(connection, 'unsupported-protocol', `This server speaks protocol ${PROTOCOL_VERSION}. Please reload.`);
        connection.socket.close(CloseCode.protocolError, 'unsupported protocol');
        return undefined;
      }
      connection.greet();
      connection.send(welcome(connection));
      return undefined;
    }

    // Signals are most of the traffic: relayed at once when the store allows, without a promise.
    if (message.type === 'signal' && relaySignalNow(ctx, connection, message, { text, json: parsed.json })) return undefined;
    const handled =
      connection.role === 'agent'
        ? dispatchAgent(ctx, connection, message as AgentMessage)
        : dispatchCustomer(ctx, connection, message as CustomerMessage);
    return handled.catch((error: unknown) => failed(connection, message.type, error));
  }
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
