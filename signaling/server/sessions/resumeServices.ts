import type { GraceTimers } from './graceTimers';

/** What the resume handlers need beyond the common handler context. */
export interface ResumeServices {
  timers: GraceTimers;
  /** Whether the node a connection lives on is running (with Redis: someone listens on its channel). */
  connectionReachable(connectionId: string): Promise<boolean>;
}
