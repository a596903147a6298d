import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { addressBucket } from '../network/addressBucket';
import type { ChatConfig } from './chatConfig';

export type ChatLimitConfig = ChatConfig;
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };
export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/**
 * Customer chat budgets: messages per conversation and per IP address (so one person cannot
 * flood an agent, nor many conversations from one address), and new conversations per IP.
 * Agents are limited only by the per-socket message limit every connection has. In this process by
 * default; with a RateLimiterRedis factory every node counts together.
 */
export class ChatLimits {
  private readonly perConversation: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly startsPerIp: RateLimiterAbstract;

  constructor(
    limits: Pick<ChatLimitConfig, 'messagesPerMinute' | 'messagesPerIpPerMinute' | 'startsPerIpPerHour'>,
    create: LimiterFactory = (options) => new RateLimiterMemory(options),
  ) {
    this.perConversation = create({ keyPrefix: 'chat-conv', points: limits.messagesPerMinute, duration: 60 });
    this.perIp = create({ keyPrefix: 'chat-ip', points: limits.messagesPerIpPerMinute, duration: 60 });
    this.startsPerIp = create({ keyPrefix: 'chat-start', points: limits.startsPerIpPerHour, duration: 3600 });
  }

  async message(conversationId: string, ip: string): Promise<LimitVerdict> {
    const conversation = await take(this.perConversation, conversationId);
    if (!conversation.allowed) return conversation;
    return take(this.perIp, addressBucket(ip));
  }

  async start(ip: string): Promise<LimitVerdict> {
    return take(this.startsPerIp, addressBucket(ip));
  }
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<LimitVerdict> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return { allowed: false, retryAfterMs: Math.max(1, error.msBeforeNext) };
  }
}
