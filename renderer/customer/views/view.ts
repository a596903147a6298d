import type { CustomerFlow } from '../flow/customerFlow';
import type { FlowState, StateOf, Step } from '../flow/flowState';
import type { TextRef } from '../i18n/textRef';
import type { DomTexts } from '../i18n/textRef';

export interface ViewContext {
  flow: CustomerFlow;
  texts: DomTexts;
  /** The product's name, or a text to translate when the server did not say. */
  product: string | TextRef;
}

/** One screen of the flow. `update` gets later states of the same step. */
export interface View<S extends FlowState = FlowState> {
  readonly main: HTMLElement;
  /** Shown above the header, across the whole width (the sharing bar). */
  readonly banner?: HTMLElement;
  update(state: S): void;
  /** Moves focus to where a person should start on this screen. */
  focus(): void;
}

export type ViewFactory<S extends Step> = (context: ViewContext, state: StateOf<S>) => View<StateOf<S>>;
