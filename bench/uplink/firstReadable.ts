/**
 * The first frame in which changed text is readable, with few OCR calls: once the new text is
 * readable it stays so as the encoder refines the picture, so a binary search over the frames
 * after the switch needs ~log2(n) reads instead of n. If the last frame is not readable either,
 * the text did not become readable in the window: undefined.
 *
 * `hint`: a frame where the answer likely is (e.g. where larger text of the same switch became
 * readable). Two reads confirm it (readable there, not in the frame before); otherwise the search
 * goes on in the half the reads left open. The answer is the same as without the hint.
 */
export async function firstReadableIndex(count: number, isReadable: (index: number) => Promise<boolean>, hint?: number): Promise<number | undefined> {
  if (count === 0) return undefined;
  if (hint !== undefined && hint >= 0 && hint < count) {
    if (await isReadable(hint)) {
      if (hint === 0 || !(await isReadable(hint - 1))) return hint;
      return searchBetween(0, hint - 1, isReadable);
    }
    if (hint === count - 1 || !(await isReadable(count - 1))) return undefined;
    return searchBetween(hint + 1, count - 1, isReadable);
  }
  if (!(await isReadable(count - 1))) return undefined;
  return searchBetween(0, count - 1, isReadable);
}

/** The first readable index in [low, high], where `high` is known to be readable. */
async function searchBetween(low: number, high: number, isReadable: (index: number) => Promise<boolean>): Promise<number> {
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (await isReadable(middle)) high = middle;
    else low = middle + 1;
  }
  return high;
}

/**
 * Where in one switch's frames (recorded-frame indices, in order) the new words can first show:
 * `changed` is the first recorded frame whose block differs from the frame before the switch
 * (-1: none did, so none of these frames shows the new words; undefined: not known, search all).
 * Every frame before the returned position still shows the old words.
 */
export function firstFreshPosition(framesOfSwitch: readonly number[], changed: number | undefined): number {
  if (changed === undefined) return 0;
  if (changed === -1) return framesOfSwitch.length;
  const position = framesOfSwitch.indexOf(changed);
  // Changed after this switch's frames (in the next switch, or after the window): none is fresh.
  if (position === -1) return changed > (framesOfSwitch.at(-1) ?? -1) ? framesOfSwitch.length : 0;
  return position;
}
