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
  const option = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3).split(',');
  const servers = option('servers');
  const sessions = option('sessions')?.map(Number);
  const sections = new Set(all.filter((section) => !only || only.includes(section)));
  return {
    quick,
    sections,
    signaling: {
      servers: (['bare', 'ours', 'peerjs'] as const).filter((server) => !servers || servers.includes(server)),
      sessionCounts: (sessions ?? (quick ? [1_000] : [1_000, 10_000])).map(largestSessionCount),
      idleConnections: quick ? 1_000 : 10_000,
      warmupMs: quick ? 500 : 2_000,
      windowMs: quick ? 1_500 : 10_000,
      latencyRate: 2_000,
      generators: 2,
    },
    joinRuns: quick ? 5 : 20,
    pictureSeconds: quick ? 15 : 60,
  };
}
