import type { ConversationRecord } from '../../chat/chatStore';
import type { ClientConnection } from '../../context/clientConnection';
import { sendError, type HandlerContext } from '../../context/handlerContext';

const NOT_YOURS = 'There is no such conversation for you.';

/**
 * The conversation a customer socket speaks for: the one it started or resumed last, and only
 * while no newer socket has resumed it. Anyone else learns nothing.
 */
export async function customerConversation(
  ctx: HandlerContext,
  connection: ClientConnection,
): Promise<ConversationRecord | undefined> {
  const id = ctx.chat.customerSockets.get(connection.id);
  const conversation = id ? await ctx.chat.store.getConversation(id) : undefined;
  if (!conversation || conversation.customerConnectionId !== connection.id) {
    sendError(connection, 'unknown-session', NOT_YOURS);
    return undefined;
  }
  return conversation;
}

/** A conversation the sending agent console is assigned to; others get the same answer as for a made-up id. */
export async function agentConversation(
  ctx: HandlerContext,
  connection: ClientConnection,
  conversationId: string,
  ref?: string,
): Promise<ConversationRecord | undefined> {
  const conversation = await ctx.chat.store.getConversation(conversationId);
  if (!conversation || conversation.agentConnectionId !== connection.id || !connection.agent) {
    sendError(connection, 'unknown-session', NOT_YOURS, { ref });
    return undefined;
  }
  return conversation;
}

/** Forgets a customer socket's conversation when the socket closes (the conversation stays for resume). */
export function rememberCustomerSocket(ctx: HandlerContext, connection: ClientConnection, conversationId: string): void {
  const known = ctx.chat.customerSockets.has(connection.id);
  ctx.chat.customerSockets.set(connection.id, conversationId);
  if (known) return;
  connection.socket.once('close', () => {
    const current = ctx.chat.customerSockets.get(connection.id);
    ctx.chat.customerSockets.delete(connection.id);
    if (current) void customerLeft(ctx, connection.id, current);
  });
}

/** A waiting chat's customer socket closed: the chat leaves the inbox unless the customer resumes in time. */
async function customerLeft(ctx: HandlerContext, connectionId: string, conversationId: string): Promise<void> {
  try {
    const conversation = await ctx.chat.store.getConversation(conversationId);
    if (conversation?.state === 'waiting' && conversation.customerConnectionId === connectionId) {
      ctx.chat.abandoned.watch(ctx, conversationId, connectionId);
    }
  } catch (error) {
    ctx.log.error({ err: error, conversationId }, 'could not watch a waiting chat whose customer left');
  }
}
