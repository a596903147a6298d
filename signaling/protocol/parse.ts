import type { z } from 'zod';

/** `json` is the text's JSON before validation (which strips unknown fields). */
export type ParseResult<T> = { ok: true; value: T; json: unknown } | { ok: false; error: string };

/** JSON text → validated message, never throwing: every received message goes through this. */
export function parseMessage<S extends z.ZodTypeAny>(schema: S, text: string): ParseResult<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: `${issue?.message ?? 'invalid message'}${where}` };
  }
  return { ok: true, value: result.data, json };
}
