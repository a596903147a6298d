import { randomInt } from 'node:crypto';
import { keyFromPayload } from '../../protocol';
import type { SessionStore } from '../store/sessionStore';

/** 8 digits from the OS CSPRNG (uniform over 0..99,999,999) plus the Damm check digit. */
export function randomKey(): string {
  return keyFromPayload(String(randomInt(0, 100_000_000)).padStart(8, '0'));
}

/** A key that is not live and was not recently used, so no customer can land in a stranger's session. */
export async function freshKey(store: Pick<SessionStore, 'isKeyTaken'>): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const key = randomKey();
    if (!(await store.isKeyTaken(key))) return key;
  }
  throw new Error('could not find a free key after 20 tries: the key space is crowded');
}
