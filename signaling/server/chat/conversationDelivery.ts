import type { ChatEntry, ConversationSummary, ServerMessageOf } from '../../protocol';
import type { HandlerContext } from '../context/handlerContext';
import type { ConversationRecord, NewEntry } from './chatStore';

type DeliveryContext = Pick<HandlerContext, 'chat' | 'router'>;
const INBOX_SIZE = 100;

/** The agent's copy of an entry: a screen-share key is for the customer's client only. */
export function entryForAgent(entry: ChatEntry): ChatEntry {
  const { share: _share, ...rest } = entry;
  return rest;
}

/**
 * Adds an entry to a conversation and sends it to exactly its two people: the customer's
 * current socket and the assigned agent's console. Nobody else ever receives it.
 */
export async function postEntry(
  ctx: DeliveryContext,
  conversationId: string,
  entry: NewEntry,
): Promise<ChatEntry | undefined> {
  const stored = await ctx.chat.store.appendEntry(conversationId, entry);
  const conversation = await ctx.chat.store.getConversation(conversationId);
  if (!stored || !conversation) return undefined;
  if (conversation.customerConnectionId) {
    ctx.router.deliver(conversation.customerConnectionId, { type: 'chat.message', conversationId, entry: stored });
  }
  if (conversation.agentConnectionId) {
    ctx.router.deliver(conversation.agentConnectionId, {
      type: 'chat.message',
      conversationId,
      entry: entryForAgent(stored),
    });
  }
  return stored;
}

/** The whole conversation, as the given side may see it. */
export async function conversationMessage(
  ctx: DeliveryContext,
  conversation: ConversationRecord,
  side: 'customer' | 'agent',
  extra: { token?: string; ref?: string | undefined } = {},
): Promise<ServerMessageOf<'chat.conversation'>> {
  const entries = await ctx.chat.store.entries(conversation.id);
  return {
    type: 'chat.conversation',
    conversationId: conversation.id,
    state: conversation.state,
    customerName: conversation.customerName,
    agentName: conversation.agentDisplayName,
    entries: side === 'agent' ? entries.map(entryForAgent) : entries,
    ...(extra.token ? { token: extra.token } : {}),
    ...(extra.ref !== undefined ? { ref: extra.ref } : {}),
  };
}

function summary(conversation: ConversationRecord): ConversationSummary {
  return {
    conversationId: conversation.id,
    customerName: conversation.customerName,
    startedAt: conversation.createdAt,
    preview: conversation.preview,
  };
}

/** Tells every watching agent which conversations are waiting now. */
export async function broadcastInbox(ctx: DeliveryContext): Promise<void> {
  const inbox = await inboxMessage(ctx);
  for (const watcher of await ctx.chat.store.inboxWatchers()) ctx.router.deliver(watcher, inbox);
}

export async function inboxMessage(ctx: Pick<HandlerContext, 'chat'>): Promise<ServerMessageOf<'chat.inbox'>> {
  const waiting = await ctx.chat.store.listWaiting(INBOX_SIZE);
  return { type: 'chat.inbox', waiting: waiting.map(summary) };
}

export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

/** "This chat is closed", for the customer's page and the agent's console alike. */
export function closedStateMessage(conversation: Pick<ConversationRecord, 'id' | 'agentDisplayName'>): ServerMessageOf<'chat.state'> {
  return { type: 'chat.state', conversationId: conversation.id, state: 'closed', agentName: conversation.agentDisplayName };
}
