import type { VideoFigures } from '../../shared/videoStats';
import { text, type TextRef } from '../i18n/textRef';
import type { Locale } from '../i18n/pickLocale';

export interface FigureTexts {
  resolution: TextRef;
  frameRate: TextRef;
  bitrate: TextRef;
  roundTrip: TextRef;
}

const NONE = text('stats.none');

/** The live figures as the agent reads them: "1920×1080", "30 fps", "2.1 Mbit/s", "3 ms". */
export function figureTexts(figures: VideoFigures | null, locale: Locale): FigureTexts {
  if (!figures) return { resolution: NONE, frameRate: NONE, bitrate: NONE, roundTrip: NONE };
  return {
    resolution: resolutionText(figures.width, figures.height),
    frameRate: text('stats.fpsValue', { value: Math.round(figures.framesPerSecond) }),
    bitrate: bitrateText(figures.bitrateKbps, locale),
    roundTrip: figures.roundTripMs === null ? NONE : text('stats.msValue', { value: Math.round(figures.roundTripMs) }),
  };
}

export function resolutionText(width: number, height: number): TextRef {
  return width > 0 && height > 0 ? text('stats.resolutionValue', { width, height }) : NONE;
}

/** Below 1 Mbit/s in whole kbit/s; above in Mbit/s with one decimal, in the reader's number style. */
export function bitrateText(kbps: number, locale: Locale): TextRef {
  if (kbps < 1000) return text('stats.kbpsValue', { value: Math.max(0, Math.round(kbps)) });
  const mbps = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(kbps / 1000);
  return text('stats.mbpsValue', { value: mbps });
}
