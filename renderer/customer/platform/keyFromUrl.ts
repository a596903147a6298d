/** The `?key=` a web-chat link carries, or null. Kept loose: the key field checks it like typed text. */
export function keyFromSearch(search: string): string | null {
  const value = new URLSearchParams(search).get('key');
  if (value === null) return null;
  const trimmed = value.trim().slice(0, 32);
  return trimmed.length > 0 ? trimmed : null;
}

/** The same URL without `key`, so the key does not stay in the address bar or history. */
export function withoutKey(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('key');
  return url.toString();
}
