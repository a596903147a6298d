import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';
import { sessionTimeline } from './historyApi';
import { actorText, eventFacts, eventText, formatTime, type EventFact } from './historyFormat';

/** One session's events in order, below the history table; closing returns focus to its opener. */
export class TimelineView {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { class: 'timeline-title', id: 'timeline-heading', tabindex: '-1' });
  private readonly list = h('ol', { class: 'timeline-list' });
  private readonly status = h('p', { class: 'history-status', role: 'status' });
  private opener: HTMLElement | undefined;

  constructor(private readonly texts: DomTexts) {
    const close = button('button button-secondary', () => this.close(true));
    texts.set(close, text('history.closeTimeline'));
    this.element = h('section', { class: 'timeline', 'aria-labelledby': 'timeline-heading' }, h('div', { class: 'timeline-head' }, this.heading, close), this.status, this.list);
    show(this.element, false);
  }

  /** A share session's events, or a chat's (sessionId is then its conversation id). */
  async open(sessionId: string, kind: 'share' | 'chat', opener: HTMLElement | undefined): Promise<void> {
    this.opener = opener;
    this.texts.set(this.heading, text(kind === 'chat' ? 'history.timelineOfChat' : 'history.timelineOf', { sessionId }));
    this.list.replaceChildren();
    this.texts.set(this.status, text('history.loading'));
    show(this.status, true);
    show(this.element, true);
    this.heading.focus();
    const answer = await sessionTimeline(sessionId);
    if (!answer.ok) {
      this.texts.set(this.status, text('history.failed'));
      return;
    }
    show(this.status, false);
    for (const event of answer.value.events) {
      const what = h('span', { class: 'timeline-what' });
      this.texts.set(what, eventText(event));
      const item = h('li', { class: 'timeline-item', 'data-type': event.type }, h('time', { datetime: event.at }, formatTime(event.at, this.texts.locale)), what);
      const actor = actorText(event.actor);
      if (actor) {
        const by = h('span', { class: 'timeline-by' });
        this.texts.set(by, actor);
        item.append(by);
      }
      const facts = eventFacts(event);
      if (facts.length > 0) item.append(this.factsElement(facts));
      this.list.append(item);
    }
  }

  /** "reason · 1:30 · receipt", its words in the agent's language (again after a language switch). */
  private factsElement(facts: EventFact[]): HTMLElement {
    const element = h('span', { class: 'timeline-facts' });
    facts.forEach((fact, index) => {
      if (index > 0) element.append(' · ');
      element.append(typeof fact === 'string' ? fact : this.texts.set(h('span'), fact));
    });
    return element;
  }

  close(returnFocus: boolean): void {
    if (this.element.hidden) return;
    show(this.element, false);
    if (returnFocus && this.opener?.isConnected) this.opener.focus();
  }
}
