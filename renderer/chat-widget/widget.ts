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
      setStyle(frame, { width: '100%', height: '100%', border: '0', display: 'block' });
      panel.append(frame);
    }
    panel.hidden = !visible;
    panel.style.setProperty('display', visible ? 'block' : 'none');
    button.textContent = visible ? labels.close : labels.open;
    button.setAttribute('aria-expanded', String(visible));
  };
  button.addEventListener('click', () => open(panel.hidden));
  panel.style.setProperty('display', 'none');
  root.append(panel, button);
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
