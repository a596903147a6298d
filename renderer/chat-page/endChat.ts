import type { ChatSession, ChatView } from './chatSession';
import { chatText, type ChatTranslator } from './i18n/chatTexts';

export interface EndChatParts {
  /** "End chat" in the header, while a conversation is open. */
  endButton: HTMLButtonElement;
  /** "End this chat?" with Yes / No, so a stressed customer does not end it by accident. */
  confirm: HTMLElement;
  question: HTMLElement;
  hint: HTMLElement;
  yes: HTMLButtonElement;
  no: HTMLButtonElement;
  /** Shown once the chat has ended (by either side): the line and "Start a new chat". */
  ended: HTMLElement;
  endedText: HTMLElement;
  newChat: HTMLButtonElement;
}

/** The customer's way out of a chat, and the ended state that follows. */
export class EndChatControls {
  private asking = false;

  constructor(
    private readonly parts: EndChatParts,
    private readonly session: ChatSession,
    private readonly translator: ChatTranslator,
    private readonly afterNewChat: () => void,
  ) {
    parts.endButton.addEventListener('click', () => {
      this.asking = true;
      this.render(session.view);
      // "No" has the focus: pressing Enter by mistake keeps the chat.
      parts.no.focus();
    });
    parts.no.addEventListener('click', () => {
      this.asking = false;
      this.render(session.view);
      parts.endButton.focus();
    });
    parts.yes.addEventListener('click', () => {
      this.asking = false;
      parts.yes.disabled = true;
      session.end();
      this.render(session.view);
    });
    parts.newChat.addEventListener('click', () => {
      session.startOver();
      afterNewChat();
    });
  }

  retranslate(): void {
    const t = this.translator.translate.bind(this.translator);
    this.parts.endButton.textContent = t(chatText('end.button'));
    this.parts.question.textContent = t(chatText('end.question'));
    this.parts.hint.textContent = t(chatText('end.hint'));
    this.parts.yes.textContent = t(chatText('end.yes'));
    this.parts.no.textContent = t(chatText('end.no'));
    this.parts.endedText.textContent = t(chatText('composer.ended'));
    this.parts.newChat.textContent = t(chatText('composer.newChat'));
  }

  render(view: ChatView): void {
    const open = view.conversationState === 'waiting' || view.conversationState === 'assigned';
    const closed = view.conversationState === 'closed';
    if (!open) this.asking = false;
    if (open) this.parts.yes.disabled = false;
    this.parts.endButton.hidden = !open || this.asking;
    this.parts.confirm.hidden = !open || !this.asking;
    const wasHidden = this.parts.ended.hidden;
    this.parts.ended.hidden = !closed;
    const focus = document.activeElement;
    if (closed && wasHidden && (focus === null || focus === document.body || this.parts.confirm.contains(focus))) {
      // Focus follows the customer's next step, whichever side ended the chat.
      this.parts.newChat.focus();
    }
  }
}
