import { createHash, randomBytes } from 'node:crypto';

/** A fresh conversation token (256 random bits). The server stores only its hash. */
export function newConversationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newConversationId(): string {
  return `c_${randomBytes(18).toString('base64url')}`;
}
