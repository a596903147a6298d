import { z } from 'zod';
import { invalidEnvironment } from '../configError';

/** The chat's environment variables (README, configuration table), parsed apart from the rest. */
const ChatEnv = z.object({
  CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  CHAT_MESSAGES_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(120),
  CHAT_STARTS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
  /** Waiting conversations the whole server accepts; beyond that new chats are refused for a while. */
  CHAT_MAX_WAITING: z.coerce.number().int().positive().default(500),
  /** Sites allowed to show /chat in a frame (the widget), e.g. https://www.example.com */
  CHAT_EMBED_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : []))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s;,'"]+$/, 'must be origins like https://www.example.com'))),
});

export interface ChatConfig {
  readonly messagesPerMinute: number;
  readonly messagesPerIpPerMinute: number;
  readonly startsPerIpPerHour: number;
  readonly maxWaiting: number;
  readonly embedOrigins: readonly string[];
}

export function loadChatConfig(env: NodeJS.ProcessEnv): ChatConfig {
  const parsed = ChatEnv.safeParse(env);
  if (!parsed.success) {
    throw invalidEnvironment(parsed.error);
  }
  const e = parsed.data;
  return {
    messagesPerMinute: e.CHAT_MESSAGES_PER_MINUTE,
    messagesPerIpPerMinute: e.CHAT_MESSAGES_PER_IP_PER_MINUTE,
    startsPerIpPerHour: e.CHAT_STARTS_PER_IP_PER_HOUR,
    maxWaiting: e.CHAT_MAX_WAITING,
    embedOrigins: e.CHAT_EMBED_ORIGINS,
  };
}
