// The widget a careers site embeds with one tag:
//   <script type="module" src="https://CHAT-HOST/widget.js"></script>
// A launcher button opens the chat in a panel; Escape or the close button closes it and returns focus to the
// launcher. Styles and messages come from the origin this script was loaded from.
import { mountChat } from './chat/chat.js';

const origin = new URL('.', import.meta.url);
const stylesheet = document.createElement('link');
stylesheet.rel = 'stylesheet';
stylesheet.href = new URL('chat.css', origin).href;
document.head.append(stylesheet);

const widget = document.createElement('aside');
widget.className = 'aachat-widget';
const launcher = document.createElement('button');
launcher.type = 'button';
launcher.className = 'aachat-launcher';
launcher.setAttribute('aria-expanded', 'false');
const launcherIcon = document.createElement('span');
launcherIcon.className = 'aachat-launcher-icon';
launcherIcon.setAttribute('aria-hidden', 'true');
const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
svg.setAttribute('viewBox', '0 0 24 24');
const bubble = document.createElementNS('http://www.w3.org/2000/svg', 'path');
bubble.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-8l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
svg.append(bubble);
launcherIcon.append(svg);
const launcherText = document.createElement('span');
launcher.append(launcherIcon, launcherText);
const panel = document.createElement('div');
panel.className = 'aachat-panel';
panel.id = 'aachat-panel';
panel.hidden = true;
launcher.setAttribute('aria-controls', panel.id);
widget.append(panel, launcher);

function close() {
  panel.hidden = true;
  widget.classList.remove('aachat-open');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.focus();
}

function open() {
  panel.hidden = false;
  widget.classList.add('aachat-open');
  launcher.setAttribute('aria-expanded', 'true');
  chat.focusInput();
}

const chat = mountChat(panel, {
  endpoint: new URL('/webhooks/rest/webhook', origin),
  headingLevel: 2,
  onClose: close,
  onLanguage: (language, t) => {
    widget.lang = language;
    widget.setAttribute('aria-label', t.widgetLabel);
    launcherText.textContent = t.open;
  },
});

launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
widget.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) {
    event.preventDefault();
    close();
  }
});
document.body.append(widget);
