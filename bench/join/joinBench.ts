import type { Row } from '../report/model';
import { percentile } from '../support/stats';
import { benchContext } from './browsers';
import { startLoopbackPair, stopLoopbackPair, type LoopbackPhases } from './loopbackPair';
import { joinOnce, type JoinPhases } from './ourJoin';
import type { Stage } from './stage';

export interface JoinFigures {
  capture: string;
  ours: JoinPhases[];
  loopback: LoopbackPhases[];
}

/**
 * Continue → the agent's first decoded frame, `runs` times, each with a fresh headed customer
 * browser capturing the real X display; then the same capture through a plain loopback pair,
 * also in a fresh browser each time.
 */
export async function measureJoin(stage: Stage, runs: number, log: (line: string) => void): Promise<{ rows: Row[]; details: JoinFigures }> {
  const ours: JoinPhases[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const browser = await stage.launchCustomer();
    const join = await joinOnce(stage.agent, browser, stage.customerUrl, { fullWidth: stage.display.width });
    ours.push(join.phases);
    log(`join ${run}/${runs}: ${describe(join.phases)}`);
    await join.end();
    await browser.close();
  }

  // A fresh browser per run here too, as for ours: the first capture and the first encoder of a
  // browser process cost more than later ones, and a customer's share is always a first one.
  const loopback: LoopbackPhases[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const browser = await stage.launchCustomer();
    const page = await (await benchContext(browser, { headed: true })).newPage();
    await page.goto(stage.blankUrl);
    const phases = await startLoopbackPair(page);
    loopback.push(phases);
    log(`loopback join ${run}/${runs}: ${describe(phases)}`);
    await stopLoopbackPair(page);
    await browser.close();
  }

  const details = { capture: 'real capture of a 1920×1080 Xvfb display (headed Chromium, "Entire screen")', ours, loopback };
  return { rows: joinRows(details), details };
}

const describe = (phases: object) =>
  Object.entries(phases)
    .map(([name, ms]) => `${name} ${Math.round(ms as number)}`)
    .join(', ');

function joinRows({ ours, loopback }: JoinFigures): Row[] {
  const p = (values: number[], q: number) => percentile(values, q);
  const afterConsent = (pick: (phases: JoinPhases) => number) => ours.map((phases) => pick(phases) - phases.consentClicked);
  const rows: Row[] = [];
  for (const q of [50, 95] as const) {
    const name = q === 50 ? 'p50' : 'p95';
    const shareToFrame = p(afterConsent((x) => x.firstFrame), q);
    const limitShareToFrame = p(loopback.map((x) => x.firstFrame), q);
    const ratio = shareToFrame / limitShareToFrame;
    rows.push(
      { section: 'join', figure: `${name} Continue → key accepted`, unit: 'ms', ours: p(ours.map((x) => x.keyAccepted), q), limit: null },
      {
        section: 'join',
        figure: `${name} Continue → consent screen painted`,
        unit: 'ms',
        ours: p(ours.map((x) => x.consentShown), q),
        limit: null,
        note: `the bench's click on "Share my screen" came ${Math.round(p(ours.map((x) => x.consentClicked - x.consentShown), q))} ms after the paint (Playwright's own latency, not the page's)`,
      },
      {
        section: 'join',
        figure: `${name} Continue → connected (before consent, no media)`,
        unit: 'ms',
        ours: p(ours.map((x) => x.connected), q),
        limit: null,
        note: `ICE + DTLS + data channel while the consent screen shows; the bench clicked "Share my screen" at ${Math.round(p(ours.map((x) => x.consentClicked), q))} ms`,
      },
      { section: 'join', figure: `${name} Continue → paired (agent sees consent)`, unit: 'ms', ours: p(ours.map((x) => x.paired), q), limit: null },
      { section: 'join', figure: `${name} Share my screen → screen captured`, unit: 'ms', ours: p(afterConsent((x) => x.captured), q), limit: p(loopback.map((x) => x.captured), q), note: 'getDisplayMedia resolved' },
      { section: 'join', figure: `${name} Share my screen → offer with the picture at agent`, unit: 'ms', ours: p(afterConsent((x) => x.offer), q), limit: p(loopback.map((x) => x.offer), q), note: 'limit: after its capture; ours: at the click, while capturing (the video section is filled when the capture resolves)' },
      { section: 'join', figure: `${name} Share my screen → picture negotiated`, unit: 'ms', ours: p(afterConsent((x) => x.answer), q), limit: p(loopback.map((x) => x.connected), q), note: 'ours: the answer is back at the customer; limit: its connection is connected' },
      {
        section: 'join',
        figure: `${name} Share my screen → first frame`,
        unit: 'ms',
        ours: shareToFrame,
        limit: limitShareToFrame,
        ...(q === 50 ? { target: '≤ limit (ratio ≤ 1.0)', met: ratio <= 1, note: `ratio ${ratio.toFixed(2)}; ours: first frame ${Math.round(p(ours.map(afterReady), q))} ms after capture and answer (the later), limit: ${Math.round(p(loopback.map((x) => x.firstFrame - x.connected), q))} ms after connecting` } : {}),
      },
    );
    const fullFrames = ours.flatMap((x) => (x.fullFrame === undefined ? [] : [x.fullFrame - x.consentClicked]));
    rows.push({
      section: 'join',
      figure: `${name} Share my screen → first full-size frame`,
      unit: 'ms',
      ours: p(fullFrames, q),
      limit: limitShareToFrame,
      ...(q === 50 ? { note: `ours: the first frame is ${p(ours.map((x) => x.firstFrameWidth), 50)} px wide (p50), then full size; limit: full size from its first frame` } : {}),
    });
    const total = p(ours.map((x) => x.firstFrame), q);
    rows.push({
      section: 'join',
      figure: `${name} Continue → first frame (${ours.length} runs)`,
      unit: 'ms',
      ours: total,
      limit: null,
      ...(q === 50 ? { target: '≤ 400 ms', met: total <= 400, note: costliest(ours) } : {}),
    });
  }
  return rows;
}

/** From the moment both the screen is captured and the picture is negotiated to the agent's first frame. */
const afterReady = (x: JoinPhases) => x.firstFrame - Math.max(x.captured, x.answer);

/** Median time spent in each step of the path to the first frame, largest first: where the join's time goes. */
function costliest(runs: JoinPhases[]): string {
  const steps: Array<[string, (x: JoinPhases) => number]> = [
    ['key check', (x) => x.keyAccepted],
    ['consent screen painted', (x) => x.consentShown - x.keyAccepted],
    ["the bench's click after the paint", (x) => x.consentClicked - x.consentShown],
    ['capture', (x) => x.captured - x.consentClicked],
    ['negotiation after the capture', (x) => Math.max(0, x.answer - x.captured)],
    ['first frame after capture and answer', afterReady],
    ['ICE + DTLS after the click', (x) => Math.max(0, x.connected - x.consentClicked)],
  ];
  return steps
    .map(([name, step]) => [name, percentile(runs.map(step), 50)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, ms]) => `${name} ${Math.round(ms)}`)
    .join(', ');
}
