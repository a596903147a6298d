import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ChatConfig } from './chatConfig';

export type ChatLimitConfig = ChatConfig;
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Customer chat budgets: messages per conversation and per IP address (so one person cannot
 * flood an agent, nor many conversations from one address), and new conversations per IP.
 * Agents are limited only by the per-socket message limit every connection has.
 */
export class ChatLimits {
  private readonly perConversation: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly startsPerIp: RateLimiterAbstract;

  constructor(limits: Pick<ChatLimitConfig, 'messagesPerMinute' | 'messagesPerIpPerMinute' | 'startsPerIpPerHour'>) {
    this.perConversation = new RateLimiterMemory({ keyPrefix: 'chat-conv', points: limits.messagesPerMinute, duration: 60 });
    this.perIp = new RateLimiterMemory({ keyPrefix: 'chat-ip', points: limits.messagesPerIpPerMinute, duration: 60 });
    this.startsPerIp = new RateLimiterMemory({ keyPrefix: 'chat-start', points: limits.startsPerIpPerHour, duration: 3600 });
  }

  async message(conversationId: string, ip: string): Promise<LimitVerdict> {
    const conversation = await take(this.perConversation, conversationId);
    if (!conversation.allowed) return conversation;
    return take(this.perIp, ip);
  }

  async start(ip: string): Promise<LimitVerdict> {
    return take(this.startsPerIp, ip);
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
