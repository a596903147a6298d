import type { Redis } from 'ioredis';
import { Revocation, type RevocationBus } from '../auth/accessRevocation';
import type { Logger } from '../log';
import { safeJson } from './safeJson';

/** One channel every node listens on: an agent's access ended (auth/accessRevocation.ts). */
export function redisRevocationBus(publisher: Redis, subscriber: Redis, prefix: string, log: Logger): RevocationBus {
  const channel = `${prefix}revocations`;
  return {
    async publish(revocation) {
      await publisher.publish(channel, JSON.stringify(revocation));
    },
    async subscribe(listener) {
      subscriber.on('message', (from: string, text: string) => {
        if (from !== channel) return;
        const parsed = Revocation.safeParse(safeJson(text));
        if (parsed.success) listener(parsed.data);
        else log.warn({ channel }, 'dropped an invalid revocation from another node');
      });
      await subscriber.subscribe(channel);
    },
  };
}
