import { PGP_EVEN_WORDS, PGP_ODD_WORDS } from './pgpWords';

/**
 * Three words that both people read aloud to check that nobody sits between them. They come from
 * the DTLS certificate fingerprints of both ends of the live connection (the a=fingerprint lines
 * of the local and the remote description): a relay in the middle terminates DTLS itself, so each
 * side then sees the relay's certificate instead of the other person's and the words differ.
 * The two fingerprints are sorted first, so both sides hash the same text.
 */
export const VERIFICATION_WORD_COUNT = 3;

const FINGERPRINT_LINE = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m;

/** The first DTLS fingerprint of a description, as "sha-256 AB:CD:…", or null without one. */
export function fingerprintOf(sdp: string): string | null {
  const match = FINGERPRINT_LINE.exec(sdp);
  if (!match?.[1] || !match[2]) return null;
  return `${match[1].toLowerCase()} ${match[2].toUpperCase()}`;
}

/** The words for a pair of fingerprints (order does not matter). */
export async function wordsForFingerprints(a: string, b: string): Promise<string[]> {
  const text = [a, b].sort().join('\n');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const words: string[] = [];
  for (let index = 0; index < VERIFICATION_WORD_COUNT; index++) {
    const list = index % 2 === 0 ? PGP_EVEN_WORDS : PGP_ODD_WORDS;
    words.push(list[digest[index] ?? 0] ?? '');
  }
  return words;
}

/** The words for a connection whose local and remote descriptions are set; null before that. */
export async function connectionWords(
  connection: Pick<RTCPeerConnection, 'localDescription' | 'remoteDescription'>,
): Promise<string[] | null> {
  const local = connection.localDescription?.sdp;
  const remote = connection.remoteDescription?.sdp;
  const mine = local ? fingerprintOf(local) : null;
  const theirs = remote ? fingerprintOf(remote) : null;
  if (!mine || !theirs) return null;
  return wordsForFingerprints(mine, theirs);
}
