import type { ShellParts } from '../customer/embed';
import { h } from '../shared/dom';
import type { ChatPageParts } from './chatPage';
import type { EndChatParts } from './endChat';

/** The chat page's elements, built once; the texts are English until the translators fill them. */
export interface ChatLayout {
  /** Where "Share screen" runs the customer page's own share steps. */
  shareHost: HTMLElement;
  shell: ShellParts;
  language: HTMLSelectElement;
  languageLabel: HTMLElement;
  messageLabel: HTMLElement;
  page: ChatPageParts;
  end: EndChatParts;
}

/** Builds the page's body in front of its <noscript> (the ids and labels are what tests and the widget's embedders know). */
export function buildChatLayout(body: HTMLElement): ChatLayout {
  const shell: ShellParts = {
    banner: h('div', { id: 'banner', class: 'banner', hidden: true }),
    product: h('span', { id: 'brand-product' }),
    organisation: h('span', { id: 'brand-organisation' }),
    languageSlot: h('div', { id: 'language-slot' }),
    main: h('div', { id: 'main', class: 'page share-page' }),
    reassurance: h('footer', { id: 'reassurance', class: 'reassurance' }),
  };
  const shareHost = h(
    'section',
    { id: 'share-host', class: 'share-host', 'aria-labelledby': 'brand-product', hidden: true },
    shell.banner,
    h('div', { class: 'share-host-head', hidden: true }, shell.product, shell.organisation, shell.languageSlot),
    shell.main,
    shell.reassurance,
  );

  const languageLabel = h('span', { id: 'language-label', class: 'visually-hidden' }, 'Language');
  const language = h(
    'select',
    { id: 'chat-language' },
    h('option', { value: 'en', lang: 'en' }, 'English'),
    h('option', { value: 'de', lang: 'de' }, 'Deutsch'),
  );
  const messageLabel = h('label', { id: 'message-label', for: 'message', class: 'visually-hidden' }, 'Your message');
  const page: ChatPageParts = {
    title: h('h1', { id: 'chat-title', class: 'chat-title' }, 'Chat'),
    status: h('p', { id: 'chat-status', class: 'chat-status', role: 'status' }),
    transcript: h('ol', { id: 'transcript', class: 'transcript', 'aria-live': 'polite', tabindex: '0' }),
    typing: h('p', { id: 'typing', class: 'typing', 'aria-live': 'polite' }),
    problem: h('p', { id: 'composer-problem', class: 'composer-problem', role: 'alert', hidden: true }),
    composer: h('form', { id: 'composer', class: 'composer' }),
    message: h('textarea', { id: 'message', rows: '2', maxlength: '2000', autocomplete: 'off' }),
    send: h('button', { id: 'send', type: 'submit', class: 'chat-send' }, 'Send'),
    nameRow: h('p', { id: 'name-row', class: 'name-row' }),
    nameLabel: h('label', { id: 'name-label', for: 'customer-name' }, 'Your name (optional)'),
    name: h('input', { id: 'customer-name', type: 'text', maxlength: '80', autocomplete: 'name' }),
  };
  page.composer.append(messageLabel, page.message, page.send);
  page.nameRow.append(page.nameLabel, page.name);

  const end: EndChatParts = {
    endButton: h('button', { id: 'end-chat', type: 'button', class: 'chat-end', hidden: true }, 'End chat'),
    confirm: h('div', {
      id: 'end-confirm',
      class: 'end-confirm',
      role: 'alertdialog',
      'aria-labelledby': 'end-question',
      'aria-describedby': 'end-hint',
      hidden: true,
    }),
    question: h('p', { id: 'end-question', class: 'end-question' }, 'End this chat?'),
    hint: h('p', { id: 'end-hint', class: 'end-hint' }, 'You can start a new chat at any time.'),
    yes: h('button', { id: 'end-yes', type: 'button', class: 'chat-button chat-button-primary' }, 'Yes, end chat'),
    no: h('button', { id: 'end-no', type: 'button', class: 'chat-button' }, 'No, keep chatting'),
    ended: h('div', { id: 'ended', class: 'chat-ended', hidden: true }),
    endedText: h('p', { id: 'ended-text', class: 'ended-text' }, 'This chat has ended.'),
    newChat: h('button', { id: 'new-chat', type: 'button', class: 'chat-button chat-button-primary' }, 'Start a new chat'),
  };
  end.confirm.append(end.question, end.hint, h('div', { class: 'end-actions' }, end.yes, end.no));
  end.ended.append(end.endedText, end.newChat);

  const chat = h(
    'main',
    { id: 'chat', class: 'chat', 'aria-labelledby': 'chat-title' },
    h(
      'header',
      { class: 'chat-head' },
      h('div', { class: 'chat-head-text' }, page.title, page.status),
      h('label', { class: 'chat-language' }, languageLabel, language),
      end.endButton,
    ),
    end.confirm,
    page.transcript,
    page.typing,
    page.problem,
    page.nameRow,
    page.composer,
    end.ended,
  );
  body.prepend(shareHost, chat);
  return { shareHost, shell, language, languageLabel, messageLabel, page, end };
}
