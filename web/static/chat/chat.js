// The chat itself, shared by the full page and the widget: header with the language switch and "new
// conversation", the transcript (one role="log" live region), the typing indicator, errors with Retry, the form.
import { ChatError, postMessage } from './client.js';
import { STRINGS, browserLanguage } from './i18n.js';
import { element, turnNode } from './render.js';
import { loadConversation, loadLanguage, newConversation, saveConversation, saveLanguage } from './storage.js';

let instances = 0;

/**
 * Build the chat inside `container`.
 * options.endpoint: URL of the REST webhook; options.headingLevel: 1 on the full page, 2 in the widget;
 * options.setsDocumentLanguage: the full page sets <html lang>; options.onClose: adds a close button (widget);
 * options.onLanguage(language, strings): told when the language changes.
 */
export function mountChat(container, options) {
  const id = `aachat-${(instances += 1)}`;
  let conversation = loadConversation();
  const stored = loadLanguage();
  let language = Object.hasOwn(STRINGS, stored) ? stored : browserLanguage();
  let t = STRINGS[language];
  let busy = false;

  const root = element('section', 'aachat');
  root.setAttribute('aria-labelledby', `${id}-title`);
  const header = element('div', 'aachat-header');
  const title = element(`h${options.headingLevel || 1}`, 'aachat-title');
  title.id = `${id}-title`;
  const tools = element('div', 'aachat-tools');
  const languageButton = element('button', 'aachat-tool aachat-language');
  languageButton.type = 'button';
  const resetButton = element('button', 'aachat-tool aachat-new');
  resetButton.type = 'button';
  tools.append(languageButton, resetButton);
  let closeButton = null;
  if (options.onClose) {
    closeButton = element('button', 'aachat-tool aachat-close');
    closeButton.type = 'button';
    closeButton.append(element('span', null, '×'));
    closeButton.firstChild.setAttribute('aria-hidden', 'true');
    closeButton.addEventListener('click', options.onClose);
  }
  header.append(title, tools);
  if (closeButton) header.append(closeButton);
  const intro = element('p', 'aachat-intro');

  const log = element('div', 'aachat-log');
  log.id = `${id}-log`;
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-relevant', 'additions');
  log.tabIndex = 0; // scrollable: reachable and scrollable with the keyboard

  const status = element('div', 'aachat-status');
  status.setAttribute('role', 'status');
  const typing = element('div', 'aachat-typing');
  typing.hidden = true;
  const dots = element('span', 'aachat-dots');
  dots.setAttribute('aria-hidden', 'true');
  dots.append(element('span'), element('span'), element('span'));
  const typingText = element('span');
  typing.append(dots, typingText);
  status.append(typing);

  const alert = element('div', 'aachat-alert');
  alert.setAttribute('role', 'alert');
  const errorBox = element('div', 'aachat-error');
  errorBox.hidden = true;
  const errorText = element('p');
  const retryButton = element('button', 'aachat-retry');
  retryButton.type = 'button';
  errorBox.append(errorText, retryButton);
  alert.append(errorBox);

  const form = element('form', 'aachat-form');
  const label = element('label', 'aachat-label');
  label.htmlFor = `${id}-input`;
  const input = element('input', 'aachat-input');
  input.id = `${id}-input`;
  input.type = 'text';
  input.autocomplete = 'off';
  input.maxLength = 2000;
  input.required = true;
  const sendButton = element('button', 'aachat-send');
  sendButton.type = 'submit';
  form.append(label, input, sendButton);
  form.noValidate = true;

  const feedback = element('div', 'aachat-feedback');
  feedback.append(status, alert);
  root.append(header, intro, log, feedback, form);

  function applyLanguage() {
    t = STRINGS[language];
    root.lang = language;
    if (options.setsDocumentLanguage) {
      document.documentElement.lang = language;
      document.title = t.title;
    }
    title.textContent = t.title;
    intro.textContent = t.intro;
    languageButton.textContent = t.switchLabel;
    languageButton.lang = t.switchTo;
    resetButton.textContent = t.newConversation;
    if (closeButton) closeButton.setAttribute('aria-label', t.close);
    log.setAttribute('aria-label', t.logLabel);
    typingText.textContent = t.typing;
    retryButton.textContent = t.retry;
    if (errorBox.dataset.kind) errorText.textContent = t[errorBox.dataset.kind];
    label.textContent = t.inputLabel;
    input.placeholder = t.placeholder;
    sendButton.textContent = t.send;
    if (options.onLanguage) options.onLanguage(language, t);
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function disableChoices() {
    for (const button of log.querySelectorAll('.aachat-choice')) button.disabled = true;
  }

  function appendTurn(turn) {
    log.append(turnNode(turn, choose, t));
    scrollToEnd();
  }

  function record(turn) {
    conversation.turns.push(turn);
    saveConversation(conversation);
    appendTurn(turn);
  }

  function setBusy(value) {
    busy = value;
    typing.hidden = !value;
    sendButton.disabled = value;
    retryButton.disabled = value;
    if (value) scrollToEnd();
  }

  function showError(kind, retry) {
    errorBox.dataset.kind = kind;
    errorText.textContent = t[kind];
    errorBox.hidden = false;
    retryButton.onclick = retry;
  }

  function hideError() {
    delete errorBox.dataset.kind;
    errorBox.hidden = true;
    retryButton.onclick = null;
  }

  async function deliver(text) {
    hideError();
    setBusy(true);
    const sender = conversation.id;
    try {
      const messages = await postMessage(options.endpoint, { sender, message: text, metadata: { language } });
      if (sender !== conversation.id) return; // a new conversation began while this reply was on its way
      record({ role: 'bot', messages: messages.map(({ recipient_id: _, ...message }) => message) });
    } catch (error) {
      if (sender !== conversation.id) return;
      showError(error instanceof ChatError ? error.kind : 'server', () => {
        deliver(text);
        input.focus();
      });
    } finally {
      setBusy(false);
    }
  }

  function send(text, shown = text) {
    if (busy || !text.trim()) return;
    disableChoices();
    record({ role: 'user', text: shown, sent: text });
    deliver(text);
  }

  function choose(payload, title) {
    send(payload, title);
    input.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (busy || !text.trim()) return;
    input.value = '';
    send(text);
  });

  resetButton.addEventListener('click', () => {
    conversation = newConversation();
    log.replaceChildren();
    hideError();
    setBusy(false);
    input.value = '';
    input.focus();
  });

  languageButton.addEventListener('click', () => {
    language = t.switchTo;
    saveLanguage(language);
    applyLanguage();
  });

  applyLanguage();
  // The earlier transcript is drawn before the log joins the page, so that a reload announces nothing old.
  for (const turn of conversation.turns) appendTurn(turn);
  const last = conversation.turns[conversation.turns.length - 1];
  if (last && last.role === 'user') {
    // The page was left before this message was answered: offer to send it again.
    disableChoices();
    showError('server', () => deliver(last.sent || last.text));
  }
  container.append(root);
  scrollToEnd();

  return { focusInput: () => input.focus() };
}
