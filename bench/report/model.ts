import type { SectionTime } from './sectionTimes';

/** One line of the bench table: our figure beside the baselines measured in the same run. */
export interface Row {
  section: 'signaling' | 'join' | 'picture' | 'uplink' | 'audit' | 'history';
  figure: string;
  unit: string;
  ours: number | null;
  /** The limit of the stack: bare ws, or plain RTCPeerConnection without our signaling. */
  limit: number | null;
  /** The PeerJS server, where it applies. */
  peerjs?: number | null;
  /** e.g. "≥ 80 % of bare ws" */
  target?: string;
  met?: boolean | null;
  /** Where a target is missed: which phase costs the time; or how the figure was taken. */
  note?: string;
  /** Decimals to print (default: 0 for ≥ 100, 1 otherwise). */
  decimals?: number;
}

export interface BenchRun {
  startedAt: string;
  /** Wall-clock seconds of the whole run (`npm run bench -- --quick` aims at about 2 minutes). */
  elapsedSeconds: number;
  commit: string;
  quick: boolean;
  /** Wall-clock seconds per section, in the order they ran. */
  sectionTimes: SectionTime[];
  machine: { cpus: number; cpuModel: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[]; node: string; openFileLimit: number; wallClockStepMs?: number };
  rows: Row[];
  /** Everything measured, per section, for later comparison. */
  details: Record<string, unknown>;
}
