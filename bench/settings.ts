import type { AuditBenchSettings } from './audit/auditBench';
import type { HistoryBenchSettings } from './history/historyBench';
import type { PictureSettings } from './picture/pictureBench';
import { largestSessionCount, type SignalingSettings } from './signaling/signalingBench';
import { parseDelay, parseLoss, parseRate } from './uplink/shaping';
import type { UplinkSettings } from './uplink/uplinkBench';

export type Section = 'signaling' | 'join' | 'picture' | 'uplink' | 'audit' | 'history';

/** What one `npm run bench` measures, and for how long; --quick aims at 2–3 minutes with every row set kept. */
export interface BenchSettings {
  quick: boolean;
  sections: ReadonlySet<Section>;
  /** --uplink=… was given: without root that is an error, not a section to skip. */
  uplinkAsked: boolean;
  signaling: SignalingSettings;
  joinRuns: number;
  picture: PictureSettings;
  uplink: UplinkSettings;
  audit: AuditBenchSettings;
  history: HistoryBenchSettings;
}

export function settingsFrom(argv: readonly string[]): BenchSettings {
  const quick = argv.includes('--quick');
  const option = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3).split(',');
  const only = option('only');
  const all = ['signaling', 'join', 'picture', 'uplink', 'audit', 'history'] as const;
  const servers = option('servers');
  const sessions = option('sessions')?.map(Number);
  const uplinks = option('uplink')?.map(parseRate);
  const delay = option('delay')?.[0];
  const loss = option('loss')?.[0];
  // --uplink=… alone measures only the uplink; with --only it joins the sections named there.
  const chosen = only ?? (uplinks ? ['uplink'] : undefined);
  const sections = new Set<Section>(all.filter((section) => !chosen || chosen.includes(section) || (section === 'uplink' && uplinks)));
  return {
    quick,
    sections,
    uplinkAsked: uplinks !== undefined || (only?.includes('uplink') ?? false),
    signaling: {
      servers: (['bare', 'ours', 'peerjs'] as const).filter((server) => !servers || servers.includes(server)),
      sessionCounts: (sessions ?? (quick ? [1_000] : [1_000, 10_000])).map(largestSessionCount),
      idleConnections: quick ? 1_000 : 10_000,
      warmupMs: quick ? 500 : 2_000,
      windowMs: quick ? 1_500 : 10_000,
      latencyRate: 2_000,
      generators: 2,
      startTogether: quick,
    },
    joinRuns: quick ? 3 : 20,
    // Quick: 5 s windows (~125 frames each; the rows say the window), started once the bandwidth estimate is steady.
    picture: { seconds: quick ? 5 : 60, settleUntilSteady: quick },
    uplink: {
      ratesBitsPerSecond: uplinks ?? (quick ? [1_000_000] : [300_000, 1_000_000, 2_000_000]),
      impairment: {
        ...(delay ? { delayMs: parseDelay(delay) } : {}),
        ...(loss ? { lossPercent: parseLoss(loss) } : {}),
      },
      // Quick: one join of ours (no second window with "Sharp text") beside the plain pair.
      settleMs: quick ? 3_000 : 6_000,
      switches: quick ? 2 : 4,
      switchWindowMs: quick ? 3_000 : 4_000,
      // Quick: the settling and each switch end on their event (steady estimate, still text); the times above are the longest waits.
      untilSteady: quick,
      openEarly: quick,
      sharpText: !quick,
    },
    audit: {
      // Each paired session waits for audit commits (PGlite: tens of ms each here): fewer when quick.
      sessions: quick ? 100 : 1_000,
      churnPerSecond: 50,
      warmupMs: quick ? 500 : 2_000,
      windowMs: quick ? 1_500 : 10_000,
      latencyRate: 1_000,
      generators: 2,
    },
    // Writing 100,000 events through the hash chain alone takes about a minute here.
    history: { events: quick ? 10_000 : 100_000, repeats: quick ? 5 : 20 },
  };
}
