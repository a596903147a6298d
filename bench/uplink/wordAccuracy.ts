/**
 * How much of a text OCR read back: the share of the expected words found, in order (longest
 * common subsequence of the word lists), after lower-casing and dropping punctuation. Extra words
 * read from elsewhere do not count against it; a word read wrongly or not at all does.
 */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word.length > 0);
}

export function wordAccuracy(expected: readonly string[], readText: string): number {
  const want = expected.flatMap(wordsOf);
  if (want.length === 0) return 1;
  const got = wordsOf(readText);
  // lengths[j]: LCS of want[0..i) and got[0..j), one row at a time.
  let previous = new Array<number>(got.length + 1).fill(0);
  for (const wanted of want) {
    const current = new Array<number>(got.length + 1).fill(0);
    for (let j = 1; j <= got.length; j += 1) {
      current[j] = got[j - 1] === wanted ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    previous = current;
  }
  return (previous[got.length] ?? 0) / want.length;
}

/** The bar "readable" is measured against: at least 90 % of the words right. */
export const READABLE_ACCURACY = 0.9;
