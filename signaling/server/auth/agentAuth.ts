import { RateLimiterRedis } from 'rate-limiter-flexible';
import { closeRedis, connectRedis } from '../cluster/redisConnection';
import type { Config } from '../config';
import { LoginLimiter } from '../limits/loginLimiter';
import type { Logger } from '../log';
import type { AgentSessions } from './agentSessions';
import { MemoryAgentSessions } from './memoryAgentSessions';
import { RedisAgentSessions } from './redisAgentSessions';
import { MemoryPendingSignIns } from './oidc/memoryPendingSignIns';
import type { PendingSignIns } from './oidc/pendingSignIns';
import { RedisPendingSignIns } from './oidc/redisPendingSignIns';

/** The same prefix as the rest of the shared state (cluster/sharedState.ts). */
const PREFIX = 'screenshare:';

/** Agent sign-ins and the failed-sign-in limit: per process, or shared by all nodes through Redis. */
export interface AgentAuth {
  readonly sessions: AgentSessions;
  readonly loginLimiter: LoginLimiter;
  /** Sign-ins at the identity provider that have not come back yet (OIDC). */
  readonly pendingSignIns: PendingSignIns;
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
      pendingSignIns: new MemoryPendingSignIns(),
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
    pendingSignIns: new RedisPendingSignIns(redis, PREFIX),
    close: () => closeRedis(redis),
  };
}
