import type { AgentMessage, CustomerMessage } from '../../../protocol';
import type { ClientConnection } from '../../context/clientConnection';
import { chatClose } from './chatClose';
import { chatEnd } from './chatEnd';
import { chatInboxWatch } from './chatInboxWatch';
import { chatResume } from './chatResume';
import { agentChatSend, customerChatSend } from './chatSend';
import { chatShareDecline } from './chatShareDecline';
import { chatShareRequest } from './chatShareRequest';
import { chatStart } from './chatStart';
import { chatTake } from './chatTake';
import { agentChatTyping, customerChatTyping } from './chatTyping';
import type { HandlerContext } from '../../context/handlerContext';

export type AgentChatMessage = Extract<AgentMessage, { type: `chat.${string}` }>;
export type CustomerChatMessage = Extract<CustomerMessage, { type: `chat.${string}` }>;

export async function dispatchAgentChat(ctx: HandlerContext, connection: ClientConnection, message: AgentChatMessage) {
  switch (message.type) {
    case 'chat.inbox.watch':
      return chatInboxWatch(ctx, connection, message);
    case 'chat.take':
      return chatTake(ctx, connection, message);
    case 'chat.send':
      return agentChatSend(ctx, connection, message);
    case 'chat.typing':
      return agentChatTyping(ctx, connection, message);
    case 'chat.share.request':
      return chatShareRequest(ctx, connection, message);
    case 'chat.close':
      return chatClose(ctx, connection, message);
  }
}

export async function dispatchCustomerChat(
  ctx: HandlerContext,
  connection: ClientConnection,
  message: CustomerChatMessage,
) {
  switch (message.type) {
    case 'chat.start':
      return chatStart(ctx, connection, message);
    case 'chat.resume':
      return chatResume(ctx, connection, message);
    case 'chat.send':
      return customerChatSend(ctx, connection, message);
    case 'chat.typing':
      return customerChatTyping(ctx, connection, message);
    case 'chat.share.decline':
      return chatShareDecline(ctx, connection, message);
    case 'chat.end':
      return chatEnd(ctx, connection, message);
  }
}
