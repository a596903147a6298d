import { RateLimiterRedis } from 'rate-limiter-flexible';
import { closeRedis, connectRedis } from '../cluster/redisConnection';
import type { Config } from '../config';
import type { Logger } from '../log';
import { ChatLimits } from './chatLimits';
import type { ChatServices } from './chatServices';
import type { ChatStore } from './chatStore';
import { MemoryChatStore } from './memoryChatStore';
import { PendingShareEvents } from './pendingShareEvents';
import { AbandonedChats } from './abandonedChats';
import { RedisChatStore } from './redisChatStore';

/**
 * The chat's services: conversations and their rate limits in this process, or in Redis (own
 * connection) when REDIS_URL is set, so any node serves any conversation and limits count on all nodes.
 */
export async function createChatServices(
  config: Pick<Config, 'chat' | 'redisUrl'>,
  log: Logger,
  storeOverride?: ChatStore,
): Promise<ChatServices> {
  let store: ChatStore = storeOverride ?? new MemoryChatStore();
  let limits = new ChatLimits(config.chat);
  if (!storeOverride && config.redisUrl) {
    const client = await connectRedis(config.redisUrl, 'screenshare-chat', log);
    store = new RedisChatStore(client, 'screenshare:chat:', Date.now, () => closeRedis(client));
    limits = new ChatLimits(
      config.chat,
      (options) =>
        new RateLimiterRedis({
          ...options,
          keyPrefix: `screenshare:limit:${options.keyPrefix}`,
          storeClient: client,
          rejectIfRedisNotReady: true,
        }),
    );
  }
  return {
    store,
    limits,
    maxWaiting: config.chat.maxWaiting,
    customerSockets: new Map(),
    shareEvents: new PendingShareEvents(),
    abandoned: new AbandonedChats(),
  };
}
