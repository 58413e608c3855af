// Turn the REST channel's messages into DOM nodes. Every string from the user or the server goes in as
// text (createElement, textContent); nothing is ever parsed as HTML.
const URL_PATTERN = /https?:\/\/[^\s<>"“”]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'’]+$/;

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function visuallyHidden(text) {
  return element('span', 'aachat-visually-hidden', text);
}

/** A paragraph of text whose web addresses become links that open safely in a new tab. */
function paragraph(text, t) {
  const p = element('p');
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const address = match[0].replace(TRAILING_PUNCTUATION, '');
    p.append(text.slice(last, match.index));
    const link = element('a', null, address);
    link.href = address;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.append(' ', visuallyHidden(t.newTab));
    p.append(link);
    last = match.index + address.length;
  }
  p.append(text.slice(last));
  return p;
}

function paragraphs(text, t) {
  return String(text).split('\n').filter((line) => line.trim()).map((line) => paragraph(line, t));
}

function isAnswerPayload(custom) {
  return Boolean(custom) && typeof custom.answer === 'string' && Array.isArray(custom.sources);
}

/** One quotation per distinct (section, quote), naming every vacancy that says it, as the text reply does. */
function sources(list, t) {
  const grouped = new Map();
  for (const source of list) {
    if (!source || typeof source.quote !== 'string') continue;
    const key = JSON.stringify([source.section, source.quote]);
    if (!grouped.has(key)) grouped.set(key, []);
    const vacancies = grouped.get(key);
    if (!vacancies.some((v) => v.requisition === source.requisition)) vacancies.push(source);
  }
  return Array.from(grouped.values(), (vacancies) => {
    const { section, quote } = vacancies[0];
    const figure = element('figure', 'aachat-source');
    const blockquote = element('blockquote');
    blockquote.append(element('p', null, quote));
    const caption = element('figcaption', null, `${t.source} `);
    const names = vacancies.map((v) => `${v.requisition} (${v.title})`).join(t.and);
    const noun = vacancies.length > 1 ? t.vacancies : t.vacancy;
    caption.append(element('cite', null, `${noun} ${names}, ${t.section(section)}`));
    figure.append(blockquote, caption);
    return figure;
  });
}

function buttons(list, onChoice, t) {
  const group = element('div', 'aachat-choices');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', t.suggestions);
  for (const choice of list) {
    if (!choice || typeof choice.title !== 'string') continue;
    const button = element('button', 'aachat-choice', choice.title);
    button.type = 'button';
    button.addEventListener('click', () => onChoice(String(choice.payload ?? choice.title), choice.title));
    group.append(button);
  }
  return group;
}

/**
 * The nodes for one reply of the assistant. A text message followed by its answer payload is shown as the
 * answer without its "Source:" lines, then each source as a quotation.
 */
function replyNodes(messages, onChoice, t) {
  const nodes = [];
  for (let i = 0; i < messages.length; i += 1) {
    const message = messages[i];
    const next = messages[i + 1];
    if (typeof message.text === 'string') {
      const answer = next && isAnswerPayload(next.custom) && message.text.startsWith(next.custom.answer) ? next.custom : null;
      nodes.push(...paragraphs(answer ? answer.answer : message.text, t));
      if (answer) {
        nodes.push(...sources(answer.sources, t));
        i += 1;
      }
    } else if (isAnswerPayload(message.custom)) {
      nodes.push(...paragraphs(message.custom.answer, t), ...sources(message.custom.sources, t));
    }
    if (Array.isArray(message.buttons) && message.buttons.length) nodes.push(buttons(message.buttons, onChoice, t));
  }
  return nodes;
}

/** One entry of the transcript: who said it (for screen readers) and what was said. */
export function turnNode(turn, onChoice, t) {
  const fromUser = turn.role === 'user';
  const node = element('div', `aachat-turn ${fromUser ? 'aachat-user' : 'aachat-bot'}`);
  node.append(visuallyHidden(fromUser ? t.you : t.assistant));
  const body = element('div', 'aachat-bubble');
  if (fromUser) body.append(element('p', null, turn.text));
  else body.append(...replyNodes(turn.messages, onChoice, t));
  node.append(body);
  return node;
}
