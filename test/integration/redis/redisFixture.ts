import { Redis } from 'ioredis';
import { redisServerMissing, startRedisServer, type RedisServer } from '../../support/redisServer';

/**
 * Registers before/after hooks that start one real redis-server for the enclosing describe block,
 * or skip the block (printing why) when redis-server is not installed.
 */
export function useRedisServer(): { readonly server: RedisServer; flush(): Promise<void> } {
  let server: RedisServer | undefined;
  before(async function () {
    const missing = redisServerMissing();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    this.timeout(20_000);
    server = await startRedisServer();
  });
  after(async () => {
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('redis-server is not running');
      return server;
    },
    async flush() {
      if (!server) throw new Error('redis-server is not running');
      const client = new Redis(server.url);
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
  };
}
