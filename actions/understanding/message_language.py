"""Which language to reply in: English or French, decided again for every message, so a user may switch.

A small rule-based identifier, no pretrained model: words that only one of the two languages uses (function
words, the applicant's everyday vocabulary), French accents, English contractions. A message with no such
signal, or only a weak one ("ok", "250770", "oui", "Montréal"), keeps the current language; the chat page can
set it (message metadata `language`), and so can the `reply_language` slot.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

ENGLISH, FRENCH = "en", "fr"
LANGUAGES = (ENGLISH, FRENCH)
DEFAULT_LANGUAGE = ENGLISH

# Words written in one language only (compared without accents), weight 1.
_FRENCH_WORDS = frozenset("""
le la les des du un une je tu il elle nous vous ils elles mon ma mes ton ta tes son sa ses notre votre leur
est suis es sont etes ai as avons avez ont etait sera serait fait faut peut peux pouvez puis dois doit
veux voudrais voulez sais savez quel quelle quels quelles qui que quoi qu comment combien pourquoi quand ou
ce cet cette ces c j l d n m s t y au aux avec pour sans dans sur chez entre mais donc car et pas plus tres
bien aussi encore deja toujours jamais rien tout tous toute toutes si parce apres avant pendant depuis
bonjour bonsoir salut coucou revoir bientot beaucoup svp stp merci oui non ouais
stage stages stagiaire stagiaires candidature candidatures postuler candidater poste offre offres annonce
bourse paye payee remunere remuneration indemnite gratification teletravail lettre motivation pieces
justificatives diplome diplomee etudiant etudiante etudes licence annee annees ans mois semaine heures
date limite debut fin duree lieu ville pays nationalite langue langues anglais francais parle couramment
documents joindre envoyer redige rediger ecris ecrire corrige corriger traduis traduire ameliorer ameliore
habilitation securite handicap amenagement webinaire seance inscription remboursement voyage frais
ne nee suedois suedoise belge neerlandais turc turque allemand allemande italien italienne espagnol
""".split())
_ENGLISH_WORDS = frozenset("""
the a an of to is are am was were be been do does did can could would should will shall may might must have
has had i you he she we they my your his her our their him us them this that these those what which who
how when where why there here it its and or but not no with without for from about into at by on in if than
then so very just also only any some all each every please thanks thank hello hi hey bye goodbye yes yeah
internship internships intern interns apply application applications stipend salary pay paid deadline
remote work working from home letter cover write draft improve translate fill degree student
studies university years old age nationality language languages speak fluent english french eligible
""".split())
# Words too short or too common to decide alone: half a point ("oui", "non", "merci" in an English chat).
_WEAK = frozenset({"oui", "non", "merci", "ok", "okay", "yes", "no", "hi", "thanks", "a", "i", "on", "en", "y",
                   "t", "s", "c", "d", "l", "j", "n", "m", "qu", "ou", "si", "bye"})
_FRENCH_LETTERS = re.compile(r"[éèêëàâçîïôûùœ]", re.IGNORECASE)
_ENGLISH_CONTRACTION = re.compile(r"\b\w+(?:'s|n't|'re|'ve|'ll|'m|'d)\b|\bi'm\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def language_score(text: str) -> float:
    """Positive for French, negative for English, near zero for a message with no signal."""
    score = 0.0
    english_text = _ENGLISH_CONTRACTION.sub(" ", text)
    for word in _WORD.findall(english_text.replace("’", "'")):
        plain = _plain(word).lower()
        weight = 0.5 if plain in _WEAK else 1.0
        french = plain in _FRENCH_WORDS or (word.islower() and bool(_FRENCH_LETTERS.search(word)))  # not "Montréal"
        english = plain in _ENGLISH_WORDS
        if french and not english:
            score += weight
        elif english and not french:
            score -= weight
    return score - len(_ENGLISH_CONTRACTION.findall(text))


def message_language(text: str) -> Optional[str]:
    """The language the message is clearly written in, or None when it does not say (then the current one holds)."""
    score = language_score(text)
    if score >= 1:
        return FRENCH
    if score <= -1:
        return ENGLISH
    return None


def reply_language(text: str, current: Optional[str], page: Optional[str], previous_page: Optional[str]) -> str:
    """The message's own language; else the page's, where its switch changed since the last message; else
    the current one; else the page's, else English."""
    spoken = message_language(text)
    if spoken:
        return spoken
    page = page if page in LANGUAGES else None
    if page and page != previous_page:
        return page
    return current if current in LANGUAGES else page or DEFAULT_LANGUAGE
