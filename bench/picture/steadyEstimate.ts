import type { Page } from 'playwright-core';
import { waitUntilSteady } from '../support/steadyValue';
import { rtpSnapshot, type PeerChoice } from './inPage';

/**
 * Until the sender's bandwidth estimate (availableOutgoingBitrate) has stayed within 10 % for 1 s,
 * sampled every 250 ms, or `maxMs` passed: the sender has ramped its bit rate up.
 */
export function waitForSteadyEstimate(page: Page, sender: PeerChoice, maxMs: number): Promise<{ waitedMs: number; steady: boolean }> {
  return waitUntilSteady(async () => (await rtpSnapshot(page, sender, 'outbound')).availableOutgoingBitrate ?? Number.NaN, {
    intervalMs: 250,
    steadyMs: 1_000,
    tolerance: 0.1,
    maxMs,
  });
}
