/** JSON.parse for text from outside this process: undefined instead of an exception. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
