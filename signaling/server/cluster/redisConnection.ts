import { Redis } from 'ioredis';
import type { Logger } from '../log';
import { errorMessage } from '../platform/errorMessage';

/**
 * One Redis connection, connected before it is handed out: a node whose Redis is unreachable at
 * start refuses to start (with the reason) instead of serving clients it cannot pair. Later
 * outages are survived: ioredis reconnects, commands fail after a few retries instead of
 * queueing for ever, and /readyz reports the node as not ready meanwhile.
 */
export async function connectRedis(url: string, name: string, log: Logger): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    maxRetriesPerRequest: 3,
    connectTimeout: 5_000,
  });
  let healthy = true;
  client.on('error', (error: Error) => {
    if (!healthy) return; // ioredis reports every failed reconnect; one line per outage is enough
    healthy = false;
    log.warn({ err: error, redis: name }, 'redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (healthy) return;
    healthy = true;
    log.info({ redis: name }, 'redis connection restored');
  });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const reason = errorMessage(error);
    throw new Error(`Cannot reach Redis at ${withoutPassword(url)}: ${reason}`, { cause: error });
  }
  return client;
}

/** Whether Redis answers a PING within the time allowed (for /readyz). */
export async function redisAnswers(client: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (client.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([client.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a connection politely (pending replies first), or at once if it is not connected. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
}

export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
