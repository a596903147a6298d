import type { CustomerFlow } from '../flow/customerFlow';
import type { FlowState } from '../flow/flowState';
import type { Locale } from '../i18n/locale';
import { text, type TextRef } from '../i18n/textRef';
import type { Translator } from '../i18n/translator';
import type { Branding } from '../platform/platform';
import { createView } from '../views/createView';
import type { View } from '../views/view';
import { applyBrandLook, supportLink } from './brandLook';
import { languageSwitch } from './languageSwitch';
import { pageTitle } from './pageTitle';
import { Texts } from './texts';

export interface ShellParts {
  banner: HTMLElement;
  product: HTMLElement;
  organisation: HTMLElement;
  languageSlot: HTMLElement;
  main: HTMLElement;
  reassurance: HTMLElement;
}

export interface ShellOptions {
  flow: CustomerFlow;
  translator: Translator;
  branding: Branding;
  onLocaleChosen(locale: Locale): void;
}

/** Header, the current step's view, and the title; re-translated in place on a language switch. */
export function mountShell(parts: ShellParts, { flow, translator, branding, onLocaleChosen }: ShellOptions): void {
  const shellTexts = new Texts(translator);
  applyBrandLook(document, branding.brand);
  const product: string | TextRef = branding.productName ?? text('page.productFallback');
  if (typeof product === 'string') parts.product.textContent = product;
  else shellTexts.set(parts.product, product);
  parts.organisation.textContent = branding.organisation ?? '';
  parts.organisation.hidden = branding.organisation === null;
  parts.languageSlot.replaceChildren(languageSwitch(translator, shellTexts, onLocaleChosen));
  const reassurance = shellTexts.set(document.createElement('p'), text('page.reassurance'));
  parts.reassurance.replaceChildren(reassurance);
  const help = supportLink(document, branding.brand);
  if (help) {
    shellTexts.set(help, text('page.help', { organisation: branding.organisation ?? branding.productName ?? '' }));
    const helpLine = document.createElement('p');
    helpLine.append(help);
    parts.reassurance.append(helpLine);
  }

  let view: View | null = null;
  let viewTexts = new Texts(translator);
  let shownStep: FlowState['step'] | null = null;

  const showTitle = (state: FlowState) => {
    document.title = translator.translate(pageTitle(state, product));
    document.documentElement.lang = translator.locale;
  };

  const render = (state: FlowState) => {
    if (view && shownStep === state.step) {
      view.update(state);
    } else {
      viewTexts = new Texts(translator);
      view = createView({ flow, texts: viewTexts, product }, state);
      shownStep = state.step;
      parts.main.replaceChildren(view.main);
      parts.banner.replaceChildren(...(view.banner ? [view.banner] : []));
      parts.banner.hidden = !view.banner;
      document.body.classList.toggle('is-sharing', state.step === 'sharing');
      view.focus();
    }
    showTitle(state);
  };

  translator.onChange(() => {
    shellTexts.refresh();
    viewTexts.refresh();
    showTitle(flow.state);
  });
  flow.subscribe(render);
  render(flow.state);
}
