import type { AgentMessage, CustomerMessage } from '../../../protocol';
import type { ClientConnection } from '../../context/clientConnection';
import { agentEndSession } from './agentEndSession';
import { claimKey } from './claimKey';
import { consent } from './consent';
import { sendError, type HandlerContext } from '../../context/handlerContext';
import { createSession } from './createSession';
import { customerEndSession } from './customerEndSession';
import { keyCannotShare } from './keyCannotShare';
import { dispatchAgentChat, dispatchCustomerChat } from './chatDispatch';
import { relaySignal } from './relaySignal';
import { renewKey } from './renewKey';
import { resumeSession } from './resumeSession';
import { shareState } from './shareState';

const repeatedHello = (connection: ClientConnection) =>
  sendError(connection, 'bad-message', 'hello is only sent once, as the first message.');

export async function dispatchAgent(ctx: HandlerContext, connection: ClientConnection, message: AgentMessage) {
  switch (message.type) {
    case 'hello':
      return repeatedHello(connection);
    case 'session.create':
      return createSession(ctx, connection, message);
    case 'session.renewKey':
      return renewKey(ctx, connection, message);
    case 'session.end':
      return agentEndSession(ctx, connection, message);
    case 'signal':
      return relaySignal(ctx, connection, message);
    case 'session.resume':
      return resumeSession(ctx, connection, message);
    case 'chat.inbox.watch':
    case 'chat.take':
    case 'chat.send':
    case 'chat.typing':
    case 'chat.share.request':
    case 'chat.close':
      return dispatchAgentChat(ctx, connection, message);
    default:
      return assertNever(message);
  }
}

export async function dispatchCustomer(ctx: HandlerContext, connection: ClientConnection, message: CustomerMessage) {
  switch (message.type) {
    case 'hello':
      return repeatedHello(connection);
    case 'key.claim':
      return claimKey(ctx, connection, message);
    case 'key.cannotShare':
      return keyCannotShare(ctx, connection, message);
    case 'consent':
      return consent(ctx, connection, message);
    case 'share.state':
      return shareState(ctx, connection, message);
    case 'session.end':
      return customerEndSession(ctx, connection, message);
    case 'signal':
      return relaySignal(ctx, connection, message);
    case 'session.resume':
      return resumeSession(ctx, connection, message);
    case 'chat.start':
    case 'chat.resume':
    case 'chat.send':
    case 'chat.typing':
    case 'chat.share.decline':
    case 'chat.end':
      return dispatchCustomerChat(ctx, connection, message);
    default:
      return assertNever(message);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`);
}
