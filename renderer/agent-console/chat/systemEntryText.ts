import type { ChatEntry } from '../../../signaling/protocol';
import { text, type TextRef } from '../i18n/textRef';

/** What the agent reads for a system entry of a conversation (`customerName` already has its fallback). */
export function systemEntryText(entry: ChatEntry, customerName: string): TextRef {
  const name = entry.name ?? '';
  switch (entry.event) {
    case 'agent-joined':
      return text('chat.system.agentJoined', { name });
    case 'share-requested':
      return text('chat.system.shareRequested', { name });
    case 'share-started':
      return text('chat.system.shareStarted');
    case 'share-declined':
      return text('chat.system.shareDeclined');
    case 'share-expired':
      return text('chat.system.shareExpired');
    case 'share-ended':
      if (entry.by === 'customer') return text('chat.system.shareEndedByCustomer');
      if (entry.by === 'agent') return text('chat.system.shareEndedByAgent');
      return text('chat.system.shareEndedOther');
    case 'chat-closed':
      if (entry.by === 'customer') return text('chat.system.chatEndedByCustomer', { name: entry.name ?? customerName });
      return text('chat.system.chatClosed');
    case 'consent-recorded':
      return text('chat.system.consentRecorded', { name: customerName, receipt: entry.receipt ?? '' });
    case undefined:
      return text('chat.system.shareEndedOther');
  }
}
