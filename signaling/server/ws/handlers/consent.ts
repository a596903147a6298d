import type { CustomerMessageOf } from '../../../protocol';
import { newReceiptId } from '../../audit/receipts';
import { postEntry } from '../../chat/conversationDelivery';
import { endSession } from '../../sessions/endSession';
import { movePhase } from '../../sessions/sessionPhases';
import { sendError, type Handler } from '../../context/handlerContext';
import { customerActor } from './customerActor';
import { ownedSession } from './ownedSession';

export const consent: Handler<CustomerMessageOf<'consent'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, undefined);
  if (!session) return;
  // A share requested in a chat is linked to its conversation in the chat store.
  const conversationId = session.conversationId ?? (await ctx.chat.store.conversationOfShare(session.id));
  const who = { sessionId: session.id, conversationId, agent: session.agentUsername, ...customerActor(connection) };
  // In a chat the consent is also the answer to the agent's request.
  const answered = async (answer: 'accepted' | 'declined') => {
    if (conversationId) await ctx.audit.append({ type: 'chat.share-answered', ...who, details: { answer } });
  };
  if (message.decision === 'decline') {
    await answered('declined');
    await ctx.audit.append({ type: 'consent.declined', ...who });
    return endSession(ctx, session.id, 'customer', 'declined');
  }
  if (session.phase !== 'key-entered') return sendError(connection, 'not-allowed', 'Consent was already given.');
  const organisation = ctx.config.organisation;
  const sentence = message.sentence ?? '';
  // The receipt must be what the page showed about this agent, not any text a client makes up.
  if (sentence && (!sentence.includes(session.agentDisplayName) || !sentence.includes(organisation))) {
    return sendError(connection, 'bad-message', 'The consent sentence does not name this agent and organisation.');
  }
  const receipt = newReceiptId();
  await answered('accepted');
  const recorded = await ctx.audit.append({
    type: 'consent.given',
    ...who,
    receipt,
    details: { sentence, language: message.language ?? '', agentName: session.agentDisplayName, organisation },
  });
  if (!(await movePhase(ctx, session, 'choosing-screen'))) return sendError(connection, 'not-allowed', 'Consent was already given.');
  connection.send({ type: 'consent.recorded', sessionId: session.id, receipt, at: recorded.at.getTime() });
  // In a chat the receipt is also on the conversation, for both sides to keep.
  if (conversationId) {
    await postEntry(ctx, conversationId, { from: 'system', event: 'consent-recorded', sessionId: session.id, name: session.agentDisplayName, receipt });
  }
};
