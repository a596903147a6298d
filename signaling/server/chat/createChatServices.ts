import type { ChatConfig } from './chatConfig';
import { ChatLimits } from './chatLimits';
import type { ChatServices } from './chatServices';
import type { ChatStore } from './chatStore';
import { MemoryChatStore } from './memoryChatStore';

export function createChatServices(config: ChatConfig, store: ChatStore = new MemoryChatStore()): ChatServices {
  return { store, limits: new ChatLimits(config), customerSockets: new Map() };
}
