// The full-page chat at /.
import { mountChat } from './chat/chat.js';

const chat = mountChat(document.getElementById('chat'), {
  endpoint: new URL('/webhooks/rest/webhook', import.meta.url),
  headingLevel: 1,
  setsDocumentLanguage: true,
});
chat.focusInput();
