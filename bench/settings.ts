import { largestSessionCount, type SignalingSettings } from './signaling/signalingBench';

/** What one `npm run bench` measures, and for how long; --quick keeps the whole run under 2 minutes. */
export interface BenchSettings {
  quick: boolean;
  sections: ReadonlySet<'signaling' | 'join' | 'picture'>;
  signaling: SignalingSettings;
  joinRuns: number;
  pictureSeconds: number;
}

export function settingsFrom(argv: readonly string[]): BenchSettings {
  const quick = argv.includes('--quick');
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const all = ['signaling', 'join', 'picture'] as const;
  const sections = new Set(all.filter((section) => !only || only.includes(section)));
  return {
    quick,
    sections,
    signaling: {
      sessionCounts: quick ? [1_000] : [1_000, largestSessionCount(10_000)],
      idleConnections: quick ? 2_000 : 10_000,
      warmupMs: quick ? 1_000 : 2_000,
      windowMs: quick ? 3_000 : 10_000,
      latencyRate: 2_000,
      generators: 2,
    },
    joinRuns: quick ? 5 : 20,
    pictureSeconds: quick ? 15 : 60,
  };
}
