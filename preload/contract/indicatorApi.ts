import * as z from 'zod';

/** The contract between the indicator window's preload and its page (`window.screenShareIndicator`). */
export const IndicatorView = z.object({
  /** "Sharing your screen with Alice" */
  text: z.string().max(300),
  stopLabel: z.string().max(50),
  /** "Pause" or "Resume", whichever the button does now. */
  pauseLabel: z.string().max(50),
  paused: z.boolean(),
  lang: z.enum(['en', 'de']),
});
export type IndicatorView = z.infer<typeof IndicatorView>;

export interface IndicatorApi {
  getView(): Promise<IndicatorView>;
  onView(listener: (view: IndicatorView) => void): () => void;
  stop(): Promise<void>;
  /** true: pause the share; false: resume it. */
  pause(paused: boolean): Promise<void>;
}

export { INDICATOR_API_GLOBAL } from './indicatorGlobal';
