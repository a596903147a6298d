import { normalizeKey } from '../../../signaling/protocol';
import { text } from '../i18n/textRef';
import { h, uniqueId } from '../../shared/dom';
import { formatKeyInput } from '../ui/keyInputFormat';
import { heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** Step 1: the security key field and "Continue". */
export const keyView: ViewFactory<'key'> = ({ flow, texts }, initial) => {
  const inputId = uniqueId('security-key');
  const formatId = uniqueId('key-format');
  const problemId = uniqueId('key-problem');
  const title = heading(texts, text('key.heading'));
  const unsupported = paragraph(texts, text('key.unsupported'), 'notice notice-warning');
  const input = h('input', {
    id: inputId,
    class: 'key-input',
    type: 'text',
    name: 'key',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    autocapitalize: 'off',
    spellcheck: 'false',
    maxlength: '32',
    'aria-describedby': `${formatId} ${problemId}`,
  });
  input.value = initial.keyText;
  const problemMessage = h('p', { class: 'problem-message' });
  const problemDetail = h('p', { class: 'problem-detail' });
  const problem = h('div', { id: problemId, class: 'problem', role: 'alert' }, problemMessage, problemDetail);
  const submit = texts.set(h('button', { type: 'submit', class: 'button button-primary' }), text('key.continue'));
  const busy = h('p', { class: 'busy', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'key-form', novalidate: true },
    texts.set(h('label', { for: inputId, class: 'key-label' }), text('key.label')),
    input,
    texts.set(h('p', { id: formatId, class: 'field-hint' }), text('key.format')),
    problem,
    h('div', { class: 'actions' }, submit),
    busy,
  );
  input.addEventListener('input', () => {
    const formatted = formatKeyInput(input.value, input.selectionStart ?? input.value.length);
    if (formatted.value !== input.value) {
      input.value = formatted.value;
      input.setSelectionRange(formatted.caret, formatted.caret);
    }
    flow.editKey(input.value);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void flow.submitKey(input.value);
  });

  const main = h(
    'section',
    { class: 'card' },
    title,
    paragraph(texts, text('key.intro'), 'intro'),
    unsupported,
    form,
  );

  let shownProblem: unknown = null;
  const update: (state: typeof initial) => void = (state) => {
    unsupported.hidden = !state.unsupported;
    if (normalizeKey(input.value) !== normalizeKey(state.keyText)) input.value = state.keyText;
    texts.set(problemMessage, state.problem?.message ?? null);
    texts.set(problemDetail, state.problem?.detail ?? null);
    problem.classList.toggle('problem-shown', state.problem !== null);
    input.setAttribute('aria-invalid', String(state.problem !== null));
    submit.disabled = state.blockedUntil !== null;
    form.setAttribute('aria-busy', String(state.busy));
    texts.set(busy, state.busy ? text('key.checking') : null);
    // A new problem from the server: put the cursor back so the key can be corrected at once.
    if (state.problem !== shownProblem && state.problem !== null && !state.busy) input.focus();
    shownProblem = state.problem;
  };
  update(initial);
  return { main, update, focus: () => input.focus() };
};
