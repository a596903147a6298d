import type { FastifyReply } from 'fastify';
import { AGENT_COOKIE } from '../auth/agentSessions';

/** The signed-in console's cookie: HttpOnly, SameSite=Strict, and it also authenticates the WebSocket. */
export function setAgentCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): FastifyReply {
  return reply.setCookie(AGENT_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeSeconds });
}
