// One conversation per browser tab: its random id and transcript live in sessionStorage, so that a reload
// continues it and redraws what was said (the Rasa API that keeps the conversation is not public).
const CONVERSATION_KEY = 'applicant-chat:conversation';
const LANGUAGE_KEY = 'applicant-chat:language';

function randomId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID exists only in secure contexts; the same version-4 layout from getRandomValues.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch {
    return null; // storage blocked or corrupt: start afresh
  }
}

function write(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage blocked or full: the conversation still works, it just will not survive a reload
  }
}

export function newConversation() {
  const conversation = { id: randomId(), turns: [] };
  write(CONVERSATION_KEY, conversation);
  return conversation;
}

export function loadConversation() {
  const stored = read(CONVERSATION_KEY);
  const valid = stored && typeof stored.id === 'string' && Array.isArray(stored.turns);
  return valid ? stored : newConversation();
}

export function saveConversation(conversation) {
  write(CONVERSATION_KEY, conversation);
}

export function loadLanguage() {
  return read(LANGUAGE_KEY);
}

export function saveLanguage(language) {
  write(LANGUAGE_KEY, language);
}
