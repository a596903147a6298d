import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { KeyAttemptLimiter } from '../limits/keyAttemptLimiter';
import type { LimiterFactory } from '../limits/takePoint';
import type { Logger } from '../log';
import { MemorySessionStore } from '../store/memorySessionStore';
import { RedisSessionStore } from '../store/redisSessionStore';
import type { SessionStore } from '../store/sessionStore';
import type { MessageRouter } from '../context/messageRouter';
import { localRevocationBus, type RevocationBus } from '../auth/accessRevocation';
import { ClusterRouter, nodeChannel } from './clusterRouter';
import { redisRevocationBus } from './redisRevocationBus';
import { newNodeId } from './nodeIdentity';
import { closeRedis, connectRedis, redisAnswers, withoutPassword } from './redisConnection';

/** Prefix of every Redis key and channel. Separate deployments on one Redis use separate databases (redis://host/1). */
const PREFIX = 'screenshare:';

/**
 * Where the state that nodes must agree on lives: sessions and keys, key-attempt counters, and the
 * way to reach a connection. In this process by default; in Redis when REDIS_URL is set.
 */
export interface SharedState {
  readonly kind: 'in-memory' | 'redis';
  readonly nodeId: string;
  readonly store: SessionStore;
  readonly keyLimiter: KeyAttemptLimiter;
  /** Makes rate limiters that count on every node together (Redis) or in this process. */
  readonly limiterFactory: LimiterFactory;
  /** Tells every node that an agent's access ended (auth/accessRevocation.ts). */
  readonly revocations: RevocationBus;
  /** Wraps this node's own connections into the router the handlers use. */
  router(local: MessageRouter): Promise<MessageRouter>;
  /** Whether this node can serve clients now (Redis reachable, when configured). */
  ready(): Promise<boolean>;
  /** Whether a node is running: this one, or (with Redis) one that listens on its channel. */
  nodeAlive(nodeId: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function createSharedState(
  config: Pick<Config, 'redisUrl' | 'keyAttempts'>,
  log: Logger,
  storeOverride?: SessionStore,
): Promise<SharedState> {
  const nodeId = newNodeId();
  if (!config.redisUrl) {
    const limiterFactory: LimiterFactory = (options) => new RateLimiterMemory(options);
    return {
      kind: 'in-memory',
      nodeId,
      store: storeOverride ?? new MemorySessionStore(),
      keyLimiter: new KeyAttemptLimiter(config.keyAttempts, limiterFactory),
      limiterFactory,
      revocations: localRevocationBus(),
      router: async (local) => local,
      ready: async () => true,
      nodeAlive: async (id) => id === nodeId,
      close: async () => {},
    };
  }

  const commands = await connectRedis(config.redisUrl, `screenshare-${nodeId}`, log);
  const subscriber = await connectRedis(config.redisUrl, `screenshare-${nodeId}-sub`, log).catch(
    async (error: unknown) => {
      await closeRedis(commands);
      throw error;
    },
  );
  log.info({ nodeId, redis: withoutPassword(config.redisUrl) }, 'sharing state through redis');
  const limiterFactory: LimiterFactory = (options) =>
    new RateLimiterRedis({
      ...options,
      keyPrefix: `${PREFIX}limit:${options.keyPrefix}`,
      storeClient: commands,
      rejectIfRedisNotReady: true,
    });
  return {
    kind: 'redis',
    nodeId,
    store: storeOverride ?? new RedisSessionStore(commands, { prefix: PREFIX }),
    keyLimiter: new KeyAttemptLimiter(config.keyAttempts, limiterFactory),
    limiterFactory,
    revocations: redisRevocationBus(commands, subscriber, PREFIX, log),
    async router(local) {
      const router = new ClusterRouter(nodeId, local, commands, subscriber, PREFIX, log);
      await router.listen();
      return router;
    },
    ready: async () => subscriber.status === 'ready' && (await redisAnswers(commands)),
    async nodeAlive(id) {
      if (id === nodeId) return true;
      const reply = await commands.pubsub('NUMSUB', nodeChannel(PREFIX, id));
      return Number(reply[1] ?? 0) > 0;
    },
    async close() {
      await Promise.all([closeRedis(subscriber), closeRedis(commands)]);
    },
  };
}
