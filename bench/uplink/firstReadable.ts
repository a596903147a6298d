/**
 * The first frame in which changed text is readable, with few OCR calls: once the new text is
 * readable it stays so as the encoder refines the picture, so a binary search over the frames
 * after the switch needs ~log2(n) reads instead of n. If the last frame is not readable either,
 * the text did not become readable in the window: undefined.
 */
export async function firstReadableIndex(count: number, isReadable: (index: number) => Promise<boolean>): Promise<number | undefined> {
  if (count === 0 || !(await isReadable(count - 1))) return undefined;
  let low = 0;
  let high = count - 1; // readable
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (await isReadable(middle)) high = middle;
    else low = middle + 1;
  }
  return high;
}
