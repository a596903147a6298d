/**
 * Chat text as safe pieces: plain text, and http(s) links. Nothing here creates HTML; the page
 * turns pieces into text nodes and <a rel="noopener noreferrer" target="_blank"> elements.
 */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function splitLinks(input: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of input.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate)?.[0] ?? '';
    candidate = candidate.slice(0, candidate.length - trailing.length);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > last) pieces.push({ kind: 'text', text: input.slice(last, start) });
    pieces.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < input.length) pieces.push({ kind: 'text', text: input.slice(last) });
  return pieces;
}

/** Only http: and https: become links; anything else (javascript:, data:…) stays text. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function appendPieces(parent: HTMLElement, pieces: readonly TextPiece[]): void {
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      parent.append(document.createTextNode(piece.text));
      continue;
    }
    const link = document.createElement('a');
    link.href = piece.href;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
    link.textContent = piece.text;
    parent.append(link);
  }
}
