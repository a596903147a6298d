import type { Role, ServerMessage } from '../../protocol';

const WIRE_TEXT = Symbol('wire text');

/** A server message that carries its JSON text already, so sending it skips JSON.stringify. */
export type MessageWithText<M extends ServerMessage> = M & { readonly [WIRE_TEXT]?: string };

/** The JSON text to send for a message: the one it carries, else its serialisation. */
export function wireTextOf(message: ServerMessage): string {
  return (message as MessageWithText<ServerMessage>)[WIRE_TEXT] ?? JSON.stringify(message);
}

/**
 * `message`, carrying `text` as its wire form. The caller vouches that `text` is JSON of exactly
 * this message. Symbol keys are invisible to JSON.stringify, so a router that serialises the
 * message itself (to another node) sends the same content.
 */
export function withWireText<M extends ServerMessage>(message: M, text: string): MessageWithText<M> {
  (message as { [WIRE_TEXT]?: string })[WIRE_TEXT] = text;
  return message;
}

/**
 * The relayed form of a received `signal` frame, made from its own text: the server's `from`
 * stamp (and the session id, which a customer's frame leaves out) spliced in front of the
 * received members. Only for a frame whose parsed JSON equals its validated message
 * (`sameJson`): then its members are exactly `type`, `data` and for an agent `sessionId` (the
 * schemas are strict at the top), nothing was stripped, and the result is JSON of
 * `{ type, sessionId, from, data }` with every key once.
 */
export function stampedSignalText(received: string, from: Role, sessionIdToAdd: string | undefined): string {
  const members = received.slice(received.indexOf('{') + 1);
  return sessionIdToAdd === undefined
    ? `{"from":"${from}",${members}`
    : `{"from":"${from}","sessionId":${JSON.stringify(sessionIdToAdd)},${members}`;
}

/** Whether two JSON values are equal: same primitives, same keys with equal values, same arrays. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
