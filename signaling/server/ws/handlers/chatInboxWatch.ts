import type { AgentMessageOf } from '../../../protocol';
import { conversationMessage, inboxMessage } from '../../chat/conversationDelivery';
import { sendError, type Handler } from '../../context/handlerContext';

/**
 * An agent console starts watching the inbox: it gets the waiting conversations now and whenever
 * they change, and its own assigned conversations are bound to this (possibly reconnected) console.
 */
export const chatInboxWatch: Handler<AgentMessageOf<'chat.inbox.watch'>> = async (ctx, connection) => {
  const agent = connection.agent;
  if (!agent) return sendError(connection, 'not-allowed', 'Only signed-in agents can read the inbox.');
  await ctx.chat.store.addInboxWatcher(connection.id);
  connection.socket.once('close', () => void ctx.chat.store.removeInboxWatcher(connection.id));
  for (const mine of await ctx.chat.store.listAssignedTo(agent.username)) {
    const rebound = await ctx.chat.store.updateConversation(mine.id, { agentConnectionId: connection.id });
    if (rebound) connection.send(await conversationMessage(ctx, rebound, 'agent'));
  }
  connection.send(await inboxMessage(ctx));
};
