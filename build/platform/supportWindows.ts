/**
 * When the runtimes this project ships stop getting security fixes. Checked by
 * test/unit/build/supportWindows.test.ts against package.json, so CI fails on the day a lapse
 * begins (and on the day this table runs out, so it gets extended instead of silently trusted).
 *
 * Electron supports the newest three stable majors: a major's support ends when the third newer
 * one ships. Dates: electronjs.org/docs/latest/tutorial/electron-timelines (stable releases; the
 * later rows are the published schedule, 8 weeks apart). Node: the LTS end-of-life dates of
 * github.com/nodejs/Release.
 */
export interface ElectronRelease {
  readonly major: number;
  /** First stable release (YYYY-MM-DD); for future majors the scheduled date. */
  readonly stable: string;
}

export const ELECTRON_RELEASES: readonly ElectronRelease[] = [
  { major: 41, stable: '2026-03-10' },
  { major: 42, stable: '2026-05-05' },
  { major: 43, stable: '2026-06-30' },
  { major: 44, stable: '2026-08-25' },
  { major: 45, stable: '2026-10-21' },
  { major: 46, stable: '2026-12-15' },
  { major: 47, stable: '2027-02-09' },
  { major: 48, stable: '2027-04-06' },
  { major: 49, stable: '2027-06-01' },
];

export interface NodeLine {
  readonly major: number;
  /** End of life (YYYY-MM-DD): no security fixes after this day. */
  readonly endOfLife: string;
}

export const NODE_LTS_LINES: readonly NodeLine[] = [
  { major: 20, endOfLife: '2026-04-30' },
  { major: 22, endOfLife: '2027-04-30' },
  { major: 24, endOfLife: '2028-04-30' },
  { major: 26, endOfLife: '2029-04-30' },
];

export type SupportVerdict = { readonly supported: true; readonly until: string } | { readonly supported: false; readonly reason: string };

/** Is Electron `major` still supported on `today` (YYYY-MM-DD)? */
export function electronSupport(major: number, today: string, releases = ELECTRON_RELEASES): SupportVerdict {
  const own = releases.find((release) => release.major === major);
  if (!own) return { supported: false, reason: `Electron ${major} is not in the support table (build/platform/supportWindows.ts).` };
  const thirdNewer = releases.find((release) => release.major === major + 3);
  if (!thirdNewer) {
    return { supported: false, reason: `The support table ends before Electron ${major + 3}: add the next majors' dates to build/platform/supportWindows.ts.` };
  }
  if (today >= thirdNewer.stable) {
    return { supported: false, reason: `Electron ${major} left support on ${thirdNewer.stable}, when Electron ${thirdNewer.major} shipped: upgrade (docs/upgrading.md).` };
  }
  return { supported: true, until: thirdNewer.stable };
}

/** Is Node `major` an LTS line that still gets security fixes on `today`? */
export function nodeSupport(major: number, today: string, lines = NODE_LTS_LINES): SupportVerdict {
  const line = lines.find((entry) => entry.major === major);
  if (!line) return { supported: false, reason: `Node ${major} is not an LTS line in build/platform/supportWindows.ts.` };
  if (today >= line.endOfLife) return { supported: false, reason: `Node ${major} reached its end of life on ${line.endOfLife}: upgrade (docs/upgrading.md).` };
  return { supported: true, until: line.endOfLife };
}
