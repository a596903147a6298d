/** Parses a comma-separated list of names that must all be known ("a,b"); an error lists the known ones. */
export function parseChoices<T extends string>(text: string, known: readonly T[], what: string): T[] {
  const chosen = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = chosen.filter((s) => !(known as readonly string[]).includes(s));
  if (unknown.length > 0 || chosen.length === 0) {
    throw new Error(`Unknown ${what} ${unknown.join(', ') || '(none given)'}; use some of: ${known.join(', ')}`);
  }
  return [...new Set(chosen)] as T[];
}
