// The page's own words in English and French. Replies from the assistant are shown as they come.
const NBSP = '\u00a0';

export const STRINGS = {
  en: {
    title: 'Ask about our internships',
    intro: 'The assistant answers from the vacancy notices and quotes the sentence each answer comes from. It does not write any part of an application.',
    logLabel: 'Conversation',
    inputLabel: 'Your question',
    placeholder: 'For example: how much is the stipend?',
    send: 'Send',
    newConversation: 'New conversation',
    switchLabel: 'Français',
    switchTo: 'fr',
    typing: 'The assistant is typing…',
    network: 'The assistant could not be reached. Your conversation is kept: try again.',
    timeout: 'The assistant took too long to answer. Your conversation is kept: try again.',
    server: 'The assistant could not answer just now. Your conversation is kept: try again.',
    retry: 'Retry',
    you: 'You said:',
    assistant: 'The assistant said:',
    source: 'Source:',
    vacancy: 'vacancy',
    vacancies: 'vacancies',
    section: (name) => `section “${name}”`,
    and: ' and ',
    newTab: '(opens in a new tab)',
    suggestions: 'Suggested replies',
    open: 'Questions? Ask the assistant',
    close: 'Close the chat',
    widgetLabel: 'Chat with the assistant',
  },
  fr: {
    title: 'Questions sur nos stages',
    intro: `L’assistant répond à partir des avis de vacance et cite la phrase dont vient chaque réponse. Il ne rédige aucune partie d’une candidature.`,
    logLabel: 'Conversation',
    inputLabel: 'Votre question',
    placeholder: `Par exemple${NBSP}: quel est le montant de l’allocation${NBSP}?`,
    send: 'Envoyer',
    newConversation: 'Nouvelle conversation',
    switchLabel: 'English',
    switchTo: 'en',
    typing: 'L’assistant écrit…',
    network: `L’assistant n’a pas pu être joint. Votre conversation est conservée${NBSP}: réessayez.`,
    timeout: `L’assistant a mis trop de temps à répondre. Votre conversation est conservée${NBSP}: réessayez.`,
    server: `L’assistant n’a pas pu répondre pour le moment. Votre conversation est conservée${NBSP}: réessayez.`,
    retry: 'Réessayer',
    you: `Vous avez dit${NBSP}:`,
    assistant: `L’assistant a dit${NBSP}:`,
    source: `Source${NBSP}:`,
    vacancy: 'avis de vacance',
    vacancies: 'avis de vacance',
    section: (name) => `section «${NBSP}${name}${NBSP}»`,
    and: ' et ',
    newTab: '(s’ouvre dans un nouvel onglet)',
    suggestions: 'Réponses proposées',
    open: `Des questions${NBSP}? Demandez à l’assistant`,
    close: 'Fermer la discussion',
    widgetLabel: 'Discussion avec l’assistant',
  },
};

const LANGUAGES = Object.keys(STRINGS);

/** The first of the browser's preferred languages that the page speaks, else English. */
export function browserLanguage(preferred = navigator.languages || [navigator.language]) {
  for (const tag of preferred) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}
