// Send one message to the REST channel (through the page server) with a client-side time limit.
const REPLY_TIMEOUT_MS = 25000;

export class ChatError extends Error {
  constructor(kind) {
    super(kind);
    this.kind = kind; // 'network' | 'timeout' | 'server': names the message the page shows
  }
}

export async function postMessage(endpoint, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REPLY_TIMEOUT_MS);
  try {
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        signal: controller.signal,
      });
    } catch {
      throw new ChatError(controller.signal.aborted ? 'timeout' : 'network');
    }
    if (!response.ok) throw new ChatError(response.status === 504 ? 'timeout' : 'server');
    let messages;
    try {
      messages = await response.json();
    } catch {
      throw new ChatError(controller.signal.aborted ? 'timeout' : 'server');
    }
    const replies = Array.isArray(messages) ? messages.filter((message) => message && typeof message === 'object') : [];
    if (!replies.length) throw new ChatError('server'); // the channel always answers something; nothing is a fault
    return replies;
  } finally {
    clearTimeout(timer);
  }
}
