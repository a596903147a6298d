import { RateLimiterRedis } from 'rate-limiter-flexible';
import { closeRedis, connectRedis } from '../cluster/redisConnection';
import type { Config } from '../config';
import { LoginLimiter } from '../limits/loginLimiter';
import type { Logger } from '../log';
import type { AgentSessions } from './agentSessions';
import { MemoryAgentSessions } from './memoryAgentSessions';
import { RedisAgentSessions } from './redisAgentSessions';

/** The same prefix as the rest of the shared state (cluster/sharedState.ts). */
const PREFIX = 'screenshare:';

/** Agent sign-ins and the failed-sign-in limit: per process, or shared by all nodes through Redis. */
export interface AgentAuth {
  readonly sessions: AgentSessions;
  readonly loginLimiter: LoginLimiter;
  close(): Promise<void>;
}

export async function createAgentAuth(
  config: Pick<Config, 'redisUrl' | 'agentSessionMs' | 'loginLimits'>,
  log: Logger,
  nodeId: string,
): Promise<AgentAuth> {
  if (!config.redisUrl) {
    return {
      sessions: new MemoryAgentSessions(config.agentSessionMs),
      loginLimiter: new LoginLimiter(config.loginLimits),
      close: async () => {},
    };
  }
  const redis = await connectRedis(config.redisUrl, `screenshare-${nodeId}-auth`, log);
  return {
    sessions: new RedisAgentSessions(redis, config.agentSessionMs, PREFIX),
    loginLimiter: new LoginLimiter(
      config.loginLimits,
      (options) =>
        new RateLimiterRedis({
          ...options,
          keyPrefix: `${PREFIX}limit:${options.keyPrefix}`,
          storeClient: redis,
          rejectIfRedisNotReady: true,
        }),
    ),
    close: () => closeRedis(redis),
  };
}
