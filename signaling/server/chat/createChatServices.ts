import { closeRedis, connectRedis } from '../cluster/redisConnection';
import type { Config } from '../config';
import type { Logger } from '../log';
import { ChatLimits } from './chatLimits';
import type { ChatServices } from './chatServices';
import type { ChatStore } from './chatStore';
import { MemoryChatStore } from './memoryChatStore';
import { RedisChatStore } from './redisChatStore';

/**
 * The chat's services: conversations in this process, or in Redis (own connection) when
 * REDIS_URL is set, so any node serves any conversation.
 */
export async function createChatServices(
  config: Pick<Config, 'chat' | 'redisUrl'>,
  log: Logger,
  storeOverride?: ChatStore,
): Promise<ChatServices> {
  let store: ChatStore = storeOverride ?? new MemoryChatStore();
  if (!storeOverride && config.redisUrl) {
    const client = await connectRedis(config.redisUrl, 'screenshare-chat', log);
    store = new RedisChatStore(client, 'screenshare:chat:', Date.now, () => closeRedis(client));
  }
  return { store, limits: new ChatLimits(config.chat), maxWaiting: config.chat.maxWaiting, customerSockets: new Map() };
}
