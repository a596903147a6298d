import { HISTORY_OUTCOMES, type HistoryQuery, type HistoryRow } from '../../../signaling/protocol/history';
import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text, type TextKey } from '../i18n/textRef';
import { historyCsvUrl, historyPage } from './historyApi';
import { formatTime, outcomeText, sharedFor } from './historyFormat';
import { TimelineView } from './timelineView';

type Filter = Omit<HistoryQuery, 'cursor'>;

/**
 * The history of share sessions: an agent's own, or (for a supervisor) everyone's with an agent
 * filter. Filters, a paged table (Show more fetches the next page by cursor), CSV export, and one
 * session's timeline. The server decides what the viewer may read; this only shows it.
 */
export class HistoryView {
  readonly element: HTMLElement;
  private readonly intro = h('p', { class: 'history-intro' });
  private readonly agentField: HTMLElement;
  private readonly inputs: { agent: HTMLInputElement; from: HTMLInputElement; to: HTMLInputElement; outcome: HTMLSelectElement; find: HTMLInputElement };
  private readonly status = h('p', { class: 'history-status', role: 'status' });
  private readonly table: HTMLTableElement;
  private readonly body = h('tbody');
  private readonly more: HTMLButtonElement;
  private readonly exportLink: HTMLAnchorElement;
  private readonly timeline: TimelineView;
  private filter: Filter = {};
  private cursor: string | null = null;
  /** Answers to an older filter are dropped. */
  private generation = 0;

  constructor(private readonly texts: DomTexts) {
    const heading = h('h1', { class: 'history-title', id: 'history-heading', tabindex: '-1' });
    texts.set(heading, text('history.heading'));

    this.inputs = {
      agent: h('input', { class: 'input', id: 'history-agent', name: 'agent', autocomplete: 'off', spellcheck: 'false' }),
      from: h('input', { class: 'input', id: 'history-from', name: 'from', type: 'date' }),
      to: h('input', { class: 'input', id: 'history-to', name: 'to', type: 'date' }),
      outcome: h('select', { class: 'input', id: 'history-outcome', name: 'outcome' }),
      find: h('input', { class: 'input', id: 'history-find', name: 'find', autocomplete: 'off', spellcheck: 'false' }),
    };
    const any = h('option', { value: '' });
    texts.set(any, text('history.anyOutcome'));
    this.inputs.outcome.append(any);
    for (const outcome of HISTORY_OUTCOMES) {
      const option = h('option', { value: outcome });
      texts.set(option, outcomeText(outcome));
      this.inputs.outcome.append(option);
    }
    const field = (control: HTMLElement, label: TextKey) => {
      const element = h('label', { class: 'label', for: control.id });
      texts.set(element, text(label));
      return h('div', { class: 'field' }, element, control);
    };
    this.agentField = field(this.inputs.agent, 'history.agent');
    show(this.agentField, false);

    const apply = h('button', { class: 'button button-primary', type: 'submit' });
    texts.set(apply, text('history.apply'));
    this.exportLink = h('a', { class: 'button button-secondary', href: historyCsvUrl({}), download: '' });
    texts.set(this.exportLink, text('history.export'));
    const form = h(
      'form',
      { class: 'history-filters', novalidate: '' },
      this.agentField,
      field(this.inputs.from, 'history.from'),
      field(this.inputs.to, 'history.to'),
      field(this.inputs.outcome, 'history.outcome'),
      field(this.inputs.find, 'history.find'),
      h('div', { class: 'history-actions' }, apply, this.exportLink),
    );
    texts.set(form, text('history.filters'), 'label');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.filter = this.readFilter();
      void this.reload();
    });

    const caption = h('caption', { class: 'visually-hidden' });
    texts.set(caption, text('history.caption'));
    const headRow = h('tr');
    for (const key of ['history.time', 'history.agent', 'history.customer', 'history.duration', 'history.outcome', 'history.receipt', 'history.actions'] as const) {
      const cell = h('th', { scope: 'col' });
      texts.set(cell, text(key));
      headRow.append(cell);
    }
    this.table = h('table', { class: 'history-table' }, caption, h('thead', {}, headRow), this.body);
    this.more = button('button button-secondary history-more', () => void this.load(false));
    texts.set(this.more, text('history.more'));
    show(this.more, false);
    this.timeline = new TimelineView(texts);

    this.element = h(
      'section',
      { class: 'history', id: 'history-view', 'aria-labelledby': 'history-heading' },
      heading,
      this.intro,
      form,
      this.status,
      h('div', { class: 'history-table-wrap' }, this.table),
      this.more,
      this.timeline.element,
    );
  }

  /** Shows the first page for the current filters (again, when reopened: new sessions appear). */
  async reload(): Promise<void> {
    this.exportLink.href = historyCsvUrl(this.filter);
    this.timeline.close(false);
    await this.load(true);
  }

  focus(): void {
    this.element.querySelector<HTMLElement>('#history-heading')?.focus();
  }

  private readFilter(): Filter {
    const day = (value: string, plusDays: number) => {
      if (!value) return undefined;
      const date = new Date(`${value}T00:00:00`);
      if (Number.isNaN(date.getTime())) return undefined;
      date.setDate(date.getDate() + plusDays);
      return date.toISOString();
    };
    const filter: Filter = {};
    const agent = this.inputs.agent.value.trim();
    const from = day(this.inputs.from.value, 0);
    // "To" is inclusive: up to the end of that day.
    const to = day(this.inputs.to.value, 1);
    const outcome = HISTORY_OUTCOMES.find((candidate) => candidate === this.inputs.outcome.value);
    const find = this.inputs.find.value.trim();
    if (agent && !this.agentField.hidden) filter.agent = agent;
    if (from) filter.from = from;
    if (to) filter.to = to;
    if (outcome) filter.outcome = outcome;
    if (find) filter.find = find;
    return filter;
  }

  private async load(first: boolean): Promise<void> {
    const generation = first ? ++this.generation : this.generation;
    if (first) {
      this.body.replaceChildren();
      this.cursor = null;
      this.setStatus('history.loading');
    }
    this.more.disabled = true;
    const answer = await historyPage({ ...this.filter, ...(this.cursor ? { cursor: this.cursor } : {}) });
    if (generation !== this.generation) return;
    this.more.disabled = false;
    if (!answer.ok) {
      this.setStatus(answer.problem === 'bad-filters' ? 'history.badFilters' : 'history.failed');
      return;
    }
    const { viewer, rows, nextCursor } = answer.value;
    const supervisor = viewer.role === 'supervisor';
    show(this.agentField, supervisor);
    this.texts.set(this.intro, text(supervisor ? 'history.introSupervisor' : 'history.introAgent'));
    this.body.append(...rows.map((row) => this.rowElement(row)));
    this.cursor = nextCursor;
    show(this.more, nextCursor !== null);
    if (this.body.childElementCount === 0) this.setStatus('history.empty');
    else this.setStatus(null);
  }

  private setStatus(key: TextKey | null): void {
    if (key) this.texts.set(this.status, text(key));
    else this.texts.clear(this.status);
    show(this.status, key !== null);
  }

  private rowElement(row: HistoryRow): HTMLTableRowElement {
    const none = () => {
      const cell = h('td', { class: 'history-none' });
      this.texts.set(cell, text('history.none'));
      return cell;
    };
    const outcome = h('td', { class: `history-outcome history-outcome-${row.outcome}` });
    this.texts.set(outcome, outcomeText(row.outcome));
    const open = button('button button-quiet history-open', (event) => {
      void this.timeline.open(row.sessionId, row.kind, event.currentTarget instanceof HTMLElement ? event.currentTarget : undefined);
    });
    this.texts.set(open, text('history.timeline'));
    const time = h('time', { datetime: row.startedAt }, formatTime(row.startedAt, this.texts.locale));
    return h(
      'tr',
      { 'data-session-id': row.sessionId, 'data-kind': row.kind },
      h('td', {}, time),
      row.agent ? h('td', {}, row.agent) : none(),
      row.customer ? h('td', {}, row.customer) : none(),
      row.sharedSeconds === null ? none() : h('td', {}, sharedFor(row.sharedSeconds)),
      outcome,
      row.receipt ? h('td', { class: 'history-receipt' }, row.receipt) : none(),
      h('td', {}, open),
    );
  }
}
