import type { CustomerFlow } from '../flow/customerFlow';
import { text, type DomTexts } from '../i18n/textRef';

/**
 * Once the consent is on the record: "You agreed at 14:02 to share your screen with Jane Doe
 * (Acme Support). Receipt 7F3K-Q2LM." under the current step, until the customer starts over.
 */
export function receiptLine(flow: CustomerFlow, texts: DomTexts): { element: HTMLElement; update(): void } {
  const element = document.createElement('p');
  element.className = 'consent-receipt';
  element.setAttribute('role', 'status');
  element.hidden = true;
  const update = () => {
    const shown = flow.receipt;
    element.hidden = shown === null;
    const time = shown && new Date(shown.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    texts.set(
      element,
      shown && text('receipt.line', { time: time ?? '', agent: shown.agent.displayName, organisation: shown.agent.organisation, receipt: shown.receipt }),
    );
  };
  return { element, update };
}
