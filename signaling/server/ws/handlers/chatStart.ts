import type { CustomerMessageOf } from '../../../protocol';
import { newConversationId, newConversationToken } from '../../chat/conversationToken';
import { broadcastInbox, conversationMessage } from '../../chat/conversationDelivery';
import { rememberCustomerSocket } from './chatMembership';
import { sendError, type Handler } from '../../context/handlerContext';
import { customerActor } from './customerActor';

export const chatStart: Handler<CustomerMessageOf<'chat.start'>> = async (ctx, connection, message) => {
  const verdict = await ctx.chat.limits.start(connection.ip);
  if (!verdict.allowed) {
    ctx.warnings.warn(connection.ip, {}, 'chat start refused: too many conversations');
    return sendError(connection, 'rate-limited', 'Too many new conversations. Please wait a little.', {
      ref: message.ref,
      retryAfterMs: verdict.retryAfterMs,
    });
  }
  // A flood of new chats from many addresses must not fill the inbox (and memory) without end.
  if ((await ctx.chat.store.countWaiting()) >= ctx.chat.maxWaiting) {
    await ctx.chat.abandoned.sweep(ctx);
    ctx.warnings.warn(connection.ip, {}, 'chat start refused: too many waiting conversations');
    return sendError(connection, 'rate-limited', 'All our team members are busy. Please try again in a few minutes.', {
      ref: message.ref,
      retryAfterMs: 60_000,
    });
  }
  const { token, tokenHash } = newConversationToken();
  const now = Date.now();
  const id = newConversationId();
  await ctx.chat.store.createConversation({
    id,
    state: 'waiting',
    tokenHash,
    customerName: message.name ? message.name : null,
    customerConnectionId: connection.id,
    agentUsername: null,
    agentDisplayName: null,
    agentConnectionId: null,
    shareSessionId: null,
    createdAt: now,
    lastActivityAt: now,
    preview: '',
  });
  await ctx.audit.append({
    type: 'chat.started',
    conversationId: id,
    ...customerActor(connection),
    details: message.name ? { customerName: message.name } : {},
  });
  rememberCustomerSocket(ctx, connection, id);
  const conversation = await ctx.chat.store.getConversation(id);
  if (!conversation) return;
  connection.send(await conversationMessage(ctx, conversation, 'customer', { token, ref: message.ref }));
  ctx.metrics.chatStarted();
  ctx.log.info({ conversationId: id, ip: connection.ip }, 'chat started');
  await broadcastInbox(ctx);
};
