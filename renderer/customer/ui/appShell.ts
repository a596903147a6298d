import type { CustomerFlow } from '../flow/customerFlow';
import type { FlowState } from '../flow/flowState';
import type { Locale } from '../i18n/locale';
import { text, type TextRef } from '../i18n/textRef';
import type { Translator } from '../i18n/textRef';
import type { Branding } from '../platform/platform';
import { createView } from '../views/createView';
import type { View } from '../views/view';
import { applyBrandLook, supportLink } from './brandLook';
import { languageSwitch } from './languageSwitch';
import { pageTitle } from './pageTitle';
import { DomTexts } from '../../shared/i18n/domTexts';
import { receiptLine } from './receiptLine';

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
  const texts = new DomTexts(translator);
  applyBrandLook(document, branding.brand);
  const product: string | TextRef = branding.productName ?? text('page.productFallback');
  if (typeof product === 'string') parts.product.textContent = product;
  else texts.set(parts.product, product);
  parts.organisation.textContent = branding.organisation ?? '';
  parts.organisation.hidden = branding.organisation === null;
  parts.languageSlot.replaceChildren(languageSwitch(translator, texts, onLocaleChosen));
  const reassurance = texts.set(document.createElement('p'), text('page.reassurance'));
  parts.reassurance.replaceChildren(reassurance);
  const help = supportLink(document, branding.brand);
  if (help) {
    texts.set(help, text('page.help', { organisation: branding.organisation ?? branding.productName ?? '' }));
    const helpLine = document.createElement('p');
    helpLine.append(help);
    parts.reassurance.append(helpLine);
  }

  const receipt = receiptLine(flow, texts);
  parts.main.after(receipt.element);

  let view: View | null = null;
  let shownStep: FlowState['step'] | null = null;

  const showTitle = (state: FlowState) => {
    document.title = translator.translate(pageTitle(state, product));
    document.documentElement.lang = translator.locale;
  };

  const render = (state: FlowState) => {
    if (view && shownStep === state.step) {
      view.update(state);
    } else {
      view = createView({ flow, texts, product }, state);
      shownStep = state.step;
      parts.main.replaceChildren(view.main);
      parts.banner.replaceChildren(...(view.banner ? [view.banner] : []));
      parts.banner.hidden = !view.banner;
      document.body.classList.toggle('is-sharing', state.step === 'sharing');
      view.focus();
    }
    receipt.update();
    showTitle(state);
  };

  translator.onChange(() => {
    // Each part, not the whole document: a hosting page (the chat page) keeps texts of its own.
    for (const part of [parts.banner, parts.product, parts.languageSlot, parts.main, receipt.element, parts.reassurance]) texts.retranslate(part);
    showTitle(flow.state);
  });
  flow.subscribe(render);
  render(flow.state);
}
