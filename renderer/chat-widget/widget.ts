/**
 * The chat widget: `<script src="https://support.example/widget.js" data-color="#0a7" data-lang="de"
 * data-position="bottom-left" defer></script>` adds a chat button and a panel to any site. The
 * chat itself runs in an iframe of /chat on our server, so the site's CSS and scripts cannot
 * reach it and our page's CSP holds. Styles are set through the CSSOM (element.style), which a
 * strict CSP on the host site does not block, and live in a shadow root.
 */
const LABELS = {
  en: { open: 'Chat with us', close: 'Close chat', frame: 'Support chat' },
  de: { open: 'Chat mit uns', close: 'Chat schließen', frame: 'Support-Chat' },
} as const;
type Lang = keyof typeof LABELS;

interface WidgetOptions {
  server: string;
  color: string;
  lang: Lang | null;
  position: 'left' | 'right';
}

function readOptions(script: HTMLScriptElement): WidgetOptions | null {
  const data = script.dataset;
  let server: string;
  try {
    server = new URL(data.server ?? script.src).origin;
  } catch {
    console.warn('chat widget: data-server is not a URL');
    return null;
  }
  const lang = data.lang === 'de' || data.lang === 'en' ? data.lang : null;
  return {
    server,
    color: data.color && /^#[0-9a-fA-F]{6}$/.test(data.color) ? data.color : '#1f5fbf',
    lang,
    position: data.position === 'bottom-left' || data.position === 'left' ? 'left' : 'right',
  };
}

function setStyle(element: HTMLElement, style: Partial<Record<string, string>>): void {
  for (const [name, value] of Object.entries(style)) if (value !== undefined) element.style.setProperty(name, value);
}

/** An invisible stop for Tab at either end of the open widget; focusing it moves focus on. */
function focusGuard(onFocus: () => void): HTMLSpanElement {
  const guard = document.createElement('span');
  guard.tabIndex = -1;
  setStyle(guard, { position: 'fixed', width: '1px', height: '1px', overflow: 'hidden', opacity: '0' });
  guard.addEventListener('focus', onFocus);
  return guard;
}

const ESCAPE_MESSAGE = 'screenshare-chat:escape';

function isEscapeMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === ESCAPE_MESSAGE;
}

function mount(options: WidgetOptions): void {
  const browserLang = (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
  const labels = LABELS[options.lang ?? browserLang];
  const host = document.createElement('div');
  host.setAttribute('data-screenshare-chat', '');
  // Open, so assistive tools and tests can reach the button; the chat itself is in the cross-origin frame.
  const root = host.attachShadow({ mode: 'open' });
  const side = options.position;

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = labels.open;
  button.setAttribute('aria-expanded', 'false');
  setStyle(button, {
    position: 'fixed',
    bottom: '20px',
    [side]: '20px',
    'z-index': '2147483646',
    padding: '14px 20px',
    'border-radius': '28px',
    border: 'none',
    background: options.color,
    color: '#fff',
    font: '600 16px/1.2 system-ui, sans-serif',
    'box-shadow': '0 4px 14px rgba(0,0,0,.3)',
    cursor: 'pointer',
  });

  const panel = document.createElement('div');
  panel.hidden = true;
  setStyle(panel, {
    position: 'fixed',
    bottom: '84px',
    [side]: '20px',
    'z-index': '2147483647',
    width: 'min(400px, calc(100vw - 40px))',
    height: 'min(640px, calc(100vh - 110px))',
    'border-radius': '14px',
    overflow: 'hidden',
    'box-shadow': '0 8px 30px rgba(0,0,0,.35)',
    background: '#fff',
  });

  let frame: HTMLIFrameElement | null = null;
  const open = (visible: boolean) => {
    if (visible && !frame) {
      frame = document.createElement('iframe');
      const src = new URL('/chat', options.server);
      src.searchParams.set('embed', '1');
      src.searchParams.set('color', options.color);
      if (options.lang) src.searchParams.set('lang', options.lang);
      frame.src = src.toString();
      frame.title = labels.frame;
      // Sharing the screen happens inside the frame, so it must be allowed to ask for it.
      frame.allow = 'display-capture; clipboard-write';
      frame.referrerPolicy = 'no-referrer';
      frame.addEventListener('load', () => frame && (frame.dataset.loaded = '1'), { once: true });
      setStyle(frame, { width: '100%', height: '100%', border: '0', display: 'block' });
      panel.append(frame);
    }
    panel.hidden = !visible;
    panel.style.setProperty('display', visible ? 'block' : 'none');
    for (const guard of guards) guard.tabIndex = visible ? 0 : -1;
    button.textContent = visible ? labels.close : labels.open;
    button.setAttribute('aria-expanded', String(visible));
    // Opened: the keyboard goes into the chat (once it has loaded).
    if (visible && frame) {
      const target = frame;
      if (target.dataset.loaded) target.focus();
      else target.addEventListener('load', () => target.focus(), { once: true });
    }
  };
  const close = () => {
    open(false);
    button.focus();
  };
  button.addEventListener('click', () => open(panel.hidden));
  // While open, Tab cycles through the chat and the close button: two focus guards wrap it round.
  const guardBefore = focusGuard(() => button.focus());
  const guardAfter = focusGuard(() => frame?.focus());
  const guards = [guardBefore, guardAfter];
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && !panel.hidden) close();
  });
  // Escape inside the chat (another origin) arrives as a message from its frame.
  window.addEventListener('message', (event) => {
    if (frame && event.source === frame.contentWindow && isEscapeMessage(event.data) && !panel.hidden) close();
  });
  panel.style.setProperty('display', 'none');
  root.append(guardBefore, panel, button, guardAfter);
  document.body.append(host);
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  const options = readOptions(script);
  if (options) {
    if (document.body) mount(options);
    else document.addEventListener('DOMContentLoaded', () => mount(options), { once: true });
  }
}
