import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { CHROMIUM } from '../../test/support/chromium';
import { benchContext } from '../join/browsers';
import { joinOnce } from '../join/ourJoin';
import { openStage, type Stage } from '../join/stage';
import { rtpSnapshot, startClockReader, stopClockReader } from '../picture/inPage';
import { pictureFigures, type PictureFigures } from '../picture/pictureBench';
import type { Row } from '../report/model';
import { waitForSteadyEstimate } from '../picture/steadyEstimate';
import { linkDiagnostics, type LinkDiagnostics } from './linkDiagnostics';
import { dropRecordedFrames, startFrameRecorder, stopFrameRecorder } from './frameRecorder';
import { firstChangedFrames, TEXT_STILL_MS, waitForTextToSettle } from './textChanges';
import { createCustomerNetwork, type CustomerNetwork } from './namespace';
import { PLAIN_PAIR_VIDEO, startPlainPair, stopPlainPair } from './plainPair';
import { readabilityAfterSwitches, type SwitchReadability } from './readability';
import { rateLabel, tbfParameters, type Impairment, type TbfParameters } from './shaping';
import { openTextWindow, TEXT_SIZES_PX, type TextSwitch, type TextWindow } from './textWindow';
import { uplinkRows } from './uplinkRows';

export interface UplinkSettings {
  ratesBitsPerSecond: number[];
  impairment: Impairment;
  /** After the picture first arrives: the sender's bandwidth estimate ramps up first. */
  settleMs: number;
  /** Text switches per side and rate, and the time each is watched before the next. */
  switches: number;
  switchWindowMs: number;
  /**
   * --quick: the settling ends once the sender's bandwidth estimate is steady, and each switch's
   * window once the new text has stopped changing on the agent's side (`settleMs` and
   * `switchWindowMs` are then the longest waits). The full run waits the fixed times.
   */
  untilSteady: boolean;
  /** --quick: the namespace and stage open beside the join and picture stage (run.ts), not when this section starts. */
  openEarly: boolean;
  /** Also watch ours again with the agent's "Sharp text" on (the full run; --quick leaves it out). */
  sharpText: boolean;
}

export interface UplinkSideFigures extends PictureFigures {
  /** Ours: "Share my screen" → first frame; plain pair: its button → first frame. */
  firstFrameMs: number;
  /** Payload bit rate the sender sent over the window, and its own estimate of the link at the end. */
  sendKbps: number;
  estimateKbps: number;
  targetKbps: number;
  switches: SwitchReadability[];
  ocrReads: number;
  /** Wall time of the OCR read-back (nothing measured runs meanwhile, or only browsers starting). */
  ocrSeconds: number;
  /** How long the settling and each switch were watched (ms), and whether each ended on its event. */
  waits: { settle: WaitTaken; switches: WaitTaken[] };
  /** Negotiated codecs, sender parameters and getStats() counters at the start and the end of the window. */
  diagnostics: { before: LinkDiagnostics; after: LinkDiagnostics };
}

export interface UplinkFigures {
  rateBitsPerSecond: number;
  tbf: TbfParameters;
  impairment: Impairment;
  ours: UplinkSideFigures;
  /** The same join after the agent pressed "Sharp text" (undefined: the console has no such control). */
  oursSharpText: UplinkSideFigures | undefined;
  plain: UplinkSideFigures;
}

export interface WaitTaken {
  waitedMs: number;
  /** true: ended on its event (steady estimate, still text); false: the longest wait ran out; null: a fixed wait. */
  steady: boolean | null;
}

/** The text window: right of the customer's window (0,0 1000×800), as the picture bench's clock. */
const TEXT_WINDOW = { x: 1000, y: 0, width: 920, height: 1080 };

interface Sides {
  sender: Page;
  receiver: Page;
  videoSelector: string;
  firstFrameMs: number;
}

/** The customer's network namespace and a stage whose customer browsers run inside it. */
export interface UplinkStage {
  network: CustomerNetwork;
  stage: Stage;
  /** Closes the stage and removes the namespace; a second call does nothing. */
  close(): Promise<void>;
}

export async function openUplinkStage(): Promise<UplinkStage> {
  const network = createCustomerNetwork(CHROMIUM);
  try {
    const stage = await openStage(network);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= stage.close().finally(() => {
        network.remove();
      }));
    return { network, stage, close };
  } catch (error) {
    network.remove();
    throw error;
  }
}

/**
 * The customer's browser inside its own network namespace behind a shaped uplink; for each rate,
 * a real join of ours and then the plain pair, each watched while the text on the screen changes.
 * `opened`: a stage opened earlier (--quick opens it beside the join and picture stage); it is
 * closed here either way.
 */
export async function measureUplink(
  settings: UplinkSettings,
  log: (line: string) => void,
  opened?: Promise<UplinkStage>,
): Promise<{ rows: Row[]; details: UplinkFigures[] }> {
  const { network, stage, close } = await (opened ?? openUplinkStage());
  try {
    const text = await openTextWindow(await stage.launchWindow(TEXT_WINDOW), stage.blankUrl);
    const results: UplinkFigures[] = [];
    for (const rate of settings.ratesBitsPerSecond) {
      network.shape(rate, settings.impairment);
      log(`uplink ${rateLabel(rate)}: customer at ${network.customerAddress} in namespace ${network.name}`);
      const pending = await measureOurs(stage, text, settings, log);
      const plain = await measurePlainPair(stage, text, settings, log, Promise.allSettled([pending.ours, pending.oursSharpText]));
      const [ours, oursSharpText] = await Promise.all([pending.ours, pending.oursSharpText]);
      results.push({ rateBitsPerSecond: rate, tbf: tbfParameters(rate), impairment: settings.impairment, ours, oursSharpText, plain });
    }
    return { rows: results.flatMap(uplinkRows), details: results };
  } finally {
    await close();
  }
}

/**
 * Ours, watched while the text changes. Without "Sharp text" (the quick run) the OCR of its frames
 * is left running when this returns: it reads frames already recorded in the agent's page, while
 * the plain pair's browsers start, before anything of the plain pair is measured.
 */
async function measureOurs(
  stage: Stage,
  text: TextWindow,
  settings: UplinkSettings,
  log: (line: string) => void,
): Promise<{ ours: Promise<UplinkSideFigures>; oursSharpText: Promise<UplinkSideFigures | undefined> }> {
  await text.show(0);
  const browser = await stage.launchCustomer();
  const join = await joinOnce(stage.agent, browser, stage.customerUrl);
  try {
    const sides = {
      sender: join.customer.page,
      receiver: stage.agent.page,
      videoSelector: 'video[aria-label="Customer screen"]',
      firstFrameMs: join.phases.firstFrame - join.phases.consentClicked,
    };
    const watched = await watchTextChanges(sides, stage, text, settings);
    // The agent console's "Sharp text" (maintain resolution, fewer frames, more bits per frame).
    const sharpText = stage.agent.page.getByRole('button', { name: 'Sharp text' }).last();
    if (!settings.sharpText || !(await sharpText.count())) {
      const ours = watched.readBack().then((figures) => (log(`uplink ours: ${summary(figures)}`), figures));
      void ours.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
      return { ours, oursSharpText: Promise.resolve(undefined) };
    }
    // The second watch records into the same page: the first one's frames are read back first.
    const ours = await watched.readBack();
    log(`uplink ours: ${summary(ours)}`);
    await text.show(0);
    await sharpText.click({ force: true });
    const oursSharpText = await (await watchTextChanges(sides, stage, text, settings)).readBack();
    log(`uplink ours, Sharp text: ${summary(oursSharpText)}`);
    await sharpText.click({ force: true });
    return { ours: Promise.resolve(ours), oursSharpText: Promise.resolve(oursSharpText) };
  } finally {
    await join.end();
    await browser.close();
  }
}

async function measurePlainPair(
  stage: Stage,
  text: TextWindow,
  settings: UplinkSettings,
  log: (line: string) => void,
  /** Settles when ours' OCR is done: the plain pair's browsers start meanwhile, its measurement after. */
  oursReadBack: Promise<unknown>,
): Promise<UplinkSideFigures> {
  // Only the sender gets a fresh browser, as ours' customer does; the receiving end is a context of
  // its own in the agent's browser, which was launched with the options a receiver needs.
  const [senderBrowser, receiverContext] = await Promise.all([stage.launchCustomer(), stage.newReceiverContext()]);
  try {
    const [sender, receiver] = await Promise.all([
      benchContext(senderBrowser, { headed: true }).then((context) => context.newPage()),
      receiverContext.newPage(),
    ]);
    await Promise.all([sender.goto(stage.blankUrl), receiver.goto(stage.blankUrl)]);
    const ready = performance.now();
    await oursReadBack;
    log(`uplink plain pair: browsers ready ${((performance.now() - ready) / 1000).toFixed(1)} s before ours' OCR was done`);
    await text.show(0);
    const { firstFrameMs } = await startPlainPair(sender, receiver);
    const watched = await watchTextChanges({ sender, receiver, videoSelector: `video[aria-label="${PLAIN_PAIR_VIDEO}"]`, firstFrameMs }, stage, text, settings);
    const figures = await watched.readBack();
    log(`uplink plain pair: ${summary(figures)}`);
    await stopPlainPair(sender, receiver);
    return figures;
  } finally {
    await Promise.all([senderBrowser.close(), receiverContext.close()]);
  }
}

/**
 * Watches one side while the text changes; `readBack` then reads the recorded frames by OCR (CPU
 * work only, nothing timed) and gives the figures.
 */
async function watchTextChanges(sides: Sides, stage: Stage, text: TextWindow, settings: UplinkSettings): Promise<{ readBack(): Promise<UplinkSideFigures> }> {
  const screen = { width: stage.display.width, height: stage.display.height };
  const snapshot = () => Promise.all([rtpSnapshot(sides.sender, 'last', 'outbound'), rtpSnapshot(sides.receiver, 'last', 'inbound')]);
  const settle = await settleFor(sides.sender, settings);
  await startClockReader(sides.receiver, sides.videoSelector, text.clock, screen);
  await startFrameRecorder(sides.receiver, sides.videoSelector, TEXT_SIZES_PX.map((size) => text.blocks[size]), screen.width);
  const diagnosticsBefore = await linkDiagnostics(sides.sender, sides.receiver);
  const [sentBefore, receivedBefore] = await snapshot();
  const switches: TextSwitch[] = [];
  const switchWaits: WaitTaken[] = [];
  for (let round = 1; round <= settings.switches; round += 1) {
    const change = await text.show(round);
    switches.push(change);
    switchWaits.push(await watchSwitch(sides.receiver, change, settings));
  }
  const [sentAfter, receivedAfter] = await snapshot();
  const diagnosticsAfter = await linkDiagnostics(sides.sender, sides.receiver);
  const windowEnd = sentAfter.at;
  const [readings, frameTimes] = await Promise.all([stopClockReader(sides.receiver), stopFrameRecorder(sides.receiver)]);
  const seconds = (sentAfter.at - sentBefore.at) / 1000;
  const picture = pictureFigures(Math.round(seconds), sentBefore, sentAfter, receivedBefore, receivedAfter, readings);
  const readBack = async (): Promise<UplinkSideFigures> => {
    const ocrStart = performance.now();
    const firstChanged = await firstChangedFrames(sides.receiver, switches.map((change) => change.at));
    const readability = await readabilityAfterSwitches(sides.receiver, frameTimes, switches, windowEnd, text.blocks, firstChanged);
    await dropRecordedFrames(sides.receiver);
    return {
      ...picture,
      firstFrameMs: sides.firstFrameMs,
      sendKbps: (((sentAfter.bytesSent ?? 0) - (sentBefore.bytesSent ?? 0)) * 8) / seconds / 1000,
      estimateKbps: (sentAfter.availableOutgoingBitrate ?? Number.NaN) / 1000,
      targetKbps: (sentAfter.targetBitrate ?? Number.NaN) / 1000,
      switches: readability.perSwitch,
      ocrReads: readability.ocrReads,
      ocrSeconds: (performance.now() - ocrStart) / 1000,
      diagnostics: { before: diagnosticsBefore, after: diagnosticsAfter },
      waits: { settle, switches: switchWaits },
    };
  };
  return { readBack };
}

/** After the first frame: the sender's bandwidth estimate ramps up first (quick: until it is steady). */
async function settleFor(sender: Page, settings: UplinkSettings): Promise<WaitTaken> {
  if (!settings.untilSteady) {
    await sleep(settings.settleMs);
    return { waitedMs: settings.settleMs, steady: null };
  }
  return waitForSteadyEstimate(sender, 'last', settings.settleMs);
}

/** One text switch watched: the fixed window, or (quick) until the new text has been still for 0.6 s. */
async function watchSwitch(receiver: Page, change: TextSwitch, settings: UplinkSettings): Promise<WaitTaken> {
  if (!settings.untilSteady) {
    await sleep(settings.switchWindowMs);
    return { waitedMs: settings.switchWindowMs, steady: null };
  }
  return waitForTextToSettle(receiver, change.at, { stillMs: TEXT_STILL_MS, maxMs: settings.switchWindowMs });
}

const summary = (f: UplinkSideFigures) =>
  `first frame ${Math.round(f.firstFrameMs)} ms, ${f.width}×${f.height} ${f.decodedFps.toFixed(1)} fps, longest gap ${Math.round(f.longestGapMs)} ms, ` +
  `draw→decode p50 ${Math.round(f.drawToDecodeP50)} ms, sent ${Math.round(f.sendKbps)} kbit/s (estimate ${Math.round(f.estimateKbps)}), ` +
  `readable after ${f.switches.map((s) => TEXT_SIZES_PX.map((size) => `${size}px ${s.readableAfterMs[size] === null ? '–' : Math.round(s.readableAfterMs[size] ?? 0)}`).join(' ')).join(' | ')} ms ` +
  `(${f.ocrReads} OCR reads in ${f.ocrSeconds.toFixed(1)} s); watched: settling ${waitLabel(f.waits.settle)}, switches ${f.waits.switches.map(waitLabel).join(', ')}`;

const waitLabel = (wait: WaitTaken) => `${(wait.waitedMs / 1000).toFixed(1)} s${wait.steady === false ? ' (longest)' : ''}`;
