"""Recognise requests to write, improve, translate or fill in any part of an application.

The notices forbid applications prepared with generative AI, so the assistant never drafts. The classifier
learns such requests from examples; this rule backs it up deterministically, so that no rephrasing, no
"ignore your rules" framing and no low classifier confidence lets a drafting request through.
A question *about* the policy ("may I use ChatGPT?") or about what the notice asks for is not a request.
"""
from __future__ import annotations

import re

_APPLICATION_PART = (
    r"(?:cover(?:ing)?\s*letter|motivation(?:al)?(?:\s*(?:letter|statement|essay|text|section|part|paragraph))?"
    r"|personal\s+statement|statement\s+of\s+(?:purpose|interest)|\bcv\b|\bc\.v\.|r[eé]sum[eé]|curriculum\s+vitae"
    r"|application\s*(?:form|answers?|questions?|text|essay|letter)|(?:form|questionnaire)\s+(?:answers?|questions?|fields?)"
    r"|(?:answers?|responses?)\s+(?:to|for)\s+(?:the\s+|my\s+)?(?:\w+\s+)?(?:form|questions?|questionnaire|competenc(?:y|ies|e)"
    r"|criteri(?:on|a))"
    r"|why\s+(?:do\s+)?(?:i|you)\s+want\s+(?:to|this)|about\s+me\s+section|bio\b|(?:my|the)\s+essay"
    r"|why\s+(?:nato|this\s+(?:internship|vacancy|position)|i\s+(?:chose|applied))\b"
    r"|why\s+(?:i'?d|i\s+would|i'?m|i\s+am)\s+(?:be\s+)?(?:a\s+|the\s+)?(?:great|good|strong|perfect|ideal|right)\s+"
    r"(?:fit|candidate|match|choice)"
    r"|(?:something|a\s+(?:text|paragraph|few\s+(?:lines|sentences|paragraphs)))\s+(?:\w+\s+)?about\s+(?:me|myself)\b"
    r"|(?:the|this|my)\s+(?:online\s+|application\s+|web\s+)?form\b|(?:my|this|the)\s+(?:\w+\s+)?letter\b"
    r"|my\s+answers\b|(?:my|the|this|that)\s+(?:\w+\s+)?section\b"
    r"|\b(?:field|box|section|question|part)s?\b.{0,20}\b(?:of|in|on|for)\s+(?:my|the|this)\s+application\b)"
)
_DRAFTING_VERB = (
    r"(?:write|writ(?:ing|ten)|draft|compose|redraft|re-?write|improve|polish|proof-?read|edit|correct|fix|rephrase"
    r"|put\s+together|rate|grade|critique|look\s+(?:at|over)|answer"
    r"|how\s+would\s+you\s+(?:answer|write|phrase|put|start|begin|open|end|close)"
    r"|phrase|word|formulate|express|suggest|provide|do(?=\s+(?:my|the|this)\b)|what\s+(?:would|could)\s+be\s+(?:a\s+)?good"
    r"|paraphrase|re-?word|reformulate|translate|fill(?:\s+(?:in|out))?|complete|generate|create|produce|prepare|tailor|optimi[sz]e"
    r"|tweak|enhance|strengthen|shorten|adapt|summari[sz]e|make\s+.{0,40}(?:better|stronger|sound|more|shine|stand\s+out)"
    r"|help\s+(?:me\s+)?(?:with|on|to)|check\s+(?:my|the)\s+(?:grammar|spelling)|check|review|come\s+up\s+with"
    r"|(?:give\s+me|list)\s+(?:a|an|some|\d+|three|two|one|a\s+few)?\s*(?:\w+\s+)?"
    r"(?:sentences?|lines?|paragraphs?|examples?|templates?|samples?|ideas?|words?|text|bullet|points|phrases)"
    r"|what\s+(?:should|could|can|do)\s+i\s+(?:write|say|put|answer|mention)"
    r"|(?:what|which)\s+(?:words|keywords|phrases|wording|terms)\s+(?:should|could|can|do|must)\s+i\s+"
    r"(?:use|put|include|add|mention))"
)
# The whole application is only drafted by writing or proofreading it; "fix/edit my application" asks about updating
# a submission.
_WRITE_WHOLE_APPLICATION = (
    r"(?:\b(?:write|draft|compose|generate|create|produce|prepare|translate|fill\s+(?:in|out)|proof-?read|polish|re-?write"
    r"|rephrase|re-?word)\b|\bhelp\s+(?:me\s+)?(?:with|on)|\bdo(?=\s+(?:my|the|this)\s+application))"
    r".{0,30}?\b(?:my|an?|the|this)\s+(?:(?:example|sample|model|nato|internship)\s+){0,3}application\b"
    r"(?!\s+(?:deadline|process|portal|status))"
    r"|\bmake\s+(?:my|the|this)\s+application\b.{0,25}\b(?:stand\s+out|better|stronger|shine|perfect)"
    r"|\bfill\s+(?:in|out)\s+(?:the|this|my)\s+questionnaire\b"
)
# A text composed for the applicant, whatever it is called: "could you write a short paragraph for me based on that?",
# "write a short text explaining my interest in NATO"; a text message or a summary of the notice is not the
# applicant's text.
_COMPOSE_TEXT = (
    r"\b(?:write|draft|compose)\s+(?:me\s+)?(?:a|an|one|some|the)\s+(?:\w+\s+){0,2}?"
    r"(?:text|paragraph|answer|response|summary|introduction|statement|sentences?|lines"
    r"|(?:sample|example|model|template|strong|good|short|quick|nice)\s+letter)\b(?!\s+messages?\b)"
    r"(?!\s+(?:of|about|on)\s+(?:the|this)\s+(?:notice|vacancy|internship|division|unit|policy|duties)\b)"
)
# The applicant's material turned into application text: "turn my experience into bullet points for the CV",
# "could you turn that into a well-written answer?".
_INTO_TEXT = (
    r"\b(?:turn|make|transform|convert)\s+(?:it|this|that|these|them|my\s+\w+(?:\s+\w+)?)\s+into\s+(?:an?\s+)?"
    r"(?:\w+[\s-]){0,3}?(?:answer|response|paragraph|text|letter|statement|bullet\s*points?|bullets|sentences?|summary"
    r"|cv|essay)\b"
)
# An edit of a text the assistant is taken to hold, or a text the applicant would adapt: "now make it shorter",
# "make my letter less boring", "add a line about my volunteering", "now do the second paragraph", "write it so it
# doesn't look like AI", "just write everything", "the rule is for applicants, so you can write it", "give me a
# sample answer I can adapt", "write STAR examples", "give me CV bullet points", "write 200 words about my passion".
# "Can I add a paragraph about ...?" is the applicant's own doing.
_NOT_BY_ME = r"(?<!\bi\s)(?<!\bwe\s)"
_TEXT_NOUN = (r"(?:letter|cv|resume|r[ée]sum[ée]|text|answers?|statement|paragraph|essay|motivation|application|bio"
              r"|introduction|version)")
_EDIT_ASKED = (
    _NOT_BY_ME + r"\bmake\s+(?:(?:it|this|that|them)|(?:my|the|this|our)\s+(?:\w+\s+){0,2}?" + _TEXT_NOUN + r")\b[\s,]*"
    r"(?:a\s+(?:bit|little)\s+|much\s+|even\s+)?(?:shorter|longer|clearer|concise|formal|professional|punchier"
    r"|undetectable|(?:match|fit)\s+(?:the|this|my)\b|(?:less|more)\s+(?!likely\b|probable\b|chances?\b)\w+)"
    r"|" + _NOT_BY_ME + r"\b(?:write|re-?write|make|edit|change|re-?word|rephrase|tweak)\s+(?:it|this|that|them"
    r"|(?:my|the)\s+\w+)\b.{0,40}?\b(?:undetectable|not\s+detectable|(?:doesn'?t|does\s+not|won'?t|wouldn'?t|not)\s+"
    r"(?:look|sound|read|seem)\s+(?:like\s+)?(?:ai|a\s+bot|robotic|generated|machine|chat\s*gpt|written\s+by))"
    r"|" + _NOT_BY_ME + r"\badd\s+(?:a|an|one|some|two|a\s+few)\s+(?:\w+\s+)?(?:lines?|sentences?|paragraphs?|bits?"
    r"|parts?|sections?|words|mentions?)\s+(?:about|on|mentioning|saying|describing)\b"
    r"|" + _NOT_BY_ME + r"\b(?:do|write|draft)\s+(?:the|a|my)\s+(?:first|second|third|next|last|final|opening|closing"
    r"|other)\s+(?:paragraph|section|part|line|sentence|bit)\b"
    r"|" + _NOT_BY_ME + r"\b(?:write|draft|fill\s+(?:in|out))\s+(?:it\s+)?(?:all|everything|the\s+whole\s+thing)\b"
    r"|\b(?:so|then|therefore)\s+(?:you|u)\s+(?:can|could|may|are\s+allowed\s+to)\s+(?:just\s+)?(?:write|draft|do"
    r"|compose|make)\s+(?:it|this|that|one|mine)\b"
)
_SAMPLE_TEXT = (
    r"\b(?:write|draft|give\s+me|suggest|come\s+up\s+with|prepare|make|send\s+me)\s+(?:me\s+)?(?:some\s+|a\s+few\s+"
    r"|\d+\s+|an?\s+)?(?:star|competency|competence|behaviou?ral|interview|sample|example|model)\s+(?:examples?"
    r"|answers?|stories|responses?|paragraphs?|letters?|texts?|sentences?)\b"
    r"|\b(?:give|write|list|make|send|suggest|draft|compose)\s+(?:me\s+)?(?:some\s+|a\s+few\s+|\d+\s+)?(?:cv|resume"
    r"|r[ée]sum[ée]|cover\s+letter|motivation(?:\s+letter)?|application)\s+(?:bullet\s*points?|bullets|sentences"
    r"|lines|phrases|paragraphs?|text|examples?)\b"
    r"|\b(?:write|draft|compose|give\s+me)\s+(?:me\s+)?(?:\d+|a\s+few|some|a\s+couple\s+of|two|three|four|five|ten)\s+"
    r"(?:\w+\s+)?(?:words|lines|sentences|paragraphs)\s+(?:about|on|describing|explaining|for)\s+(?:my|me|myself"
    r"|why\s+i)\b"
    r"|\b(?:give|write|suggest|send|list|provide)\b.{0,40}?\b(?:sentences?|lines|wording|words|text|phrases)\s+(?:for"
    r"|of|in)\s+(?:each|every|the\s+(?:first|second|third|last|next|opening|closing))\s+(?:paragraph|section|part)\b"
    r"|\bwhat\s+(?:does|would|should|do)\s+(?:an?\s+)?(?:strong|good|great|winning|perfect|ideal|successful|excellent"
    r"|model|sample|typical)\s+" + _APPLICATION_PART + r".{0,40}?\blook\s+like"
    r"|\bhow\s+(?:should|shall|would|could)\s+i\s+(?:word|phrase|formulate|put|present|explain|describe)\s+(?:my"
    r"|the\s+fact)\b.{0,40}?\b(?:in|on|for)\s+(?:my|the|this)\s+(?:\w+\s+)?(?:application|cv|letter|form|motivation)"
    r"|\bfill\s+(?:in|out)\s+(?:the\s+|my\s+)?(?:eligibility|screening)\s+questions?\b"
    r"|\bcomplete\s+(?:the\s+|my\s+)?(?:eligibility|screening)\s+questions?\b.{0,20}\bfor\s+me\b"
)
_REQUEST = re.compile(
    rf"{_WRITE_WHOLE_APPLICATION}|{_COMPOSE_TEXT}|{_INTO_TEXT}|\b{_DRAFTING_VERB}\b.{{0,80}}?{_APPLICATION_PART}"
    rf"|\bmake\s+(?:my|the|this|our)\s+{_APPLICATION_PART}"
    rf"|{_APPLICATION_PART}.{{0,60}}?\b(?:for me|on my behalf|please)\b"
    rf"|{_APPLICATION_PART}.{{0,80}}?\b(?:can|could|would|will)\s+(?:you|u)\b.{{0,20}}?\b(?:{_DRAFTING_VERB}"
    r"|do\s+(?:it|this|that|one|mine)\b)"
    rf"|{_APPLICATION_PART}.{{0,40}}?\b(?:needs?|could use)\s+(?:polishing|improv|work|editing|a rewrite)"
    rf"|{_APPLICATION_PART}.{{0,60}}?\b{_DRAFTING_VERB}\s+(?:one|it|this|that)\b"
    r"|\blist\s+(?:(?:my|some|the)\s+)?(?:strengths|weaknesses|qualities|achievements)\b"
    r"|\bhelp\s+(?:me\s+)?(?:to\s+)?(?:answer|phrase|word|express|formulate|reword|write|draft|describe)\b"
    r"|\bwhat\s+(?:should|shall|could|can|must|do)\s+i\s+(?:write|say|answer|reply|put)\s+(?:about|in|for|to|if|when|as)\b"
    r"|\bgive\s+me\s+(?:a|an|some)\s+(?:\w+\s+)?(?:template|model|sample|example)s?\s+(?:for|of)\s+(?:my|an?|the)\s+"
    r"(?:\w+\s+)?(?:application|cover|motivation|cv|letter)"
    r"|\b(?:write|re-?write|re-?word|rephrase|edit|improve|polish|correct|fix|translate|proof-?read)\s+"
    r"(?:this|that|it|the\s+following)(?:\s+(?:sentence|paragraph|text|line|bit|part|phrase))?\s*(?::|for\s+me\b|please\b)"
    r"|\b(?:summari[sz]e|describe|present|highlight|rephrase|re-?write|re-?word)\s+my\s+(?:\w+\s+)?"
    r"(?:experience|skills|background|strengths|achievements|motivation|profile)\b"
    r"|\bmake\s+(?:this|that|it)\b.{0,40}?\b(?:sound|better|stronger|smarter)\b|\bmake\s+my\b.{0,40}?\bsound\b"
    rf"|{_EDIT_ASKED}|{_SAMPLE_TEXT}",
    re.IGNORECASE | re.DOTALL,
)
# Work on a piece of text the asker supplies or on a document of theirs: "translate this one sentence", "do a
# self translation of my diploma", "is this sentence grammatically correct: ...", "how do I say this in French",
# "give me 3 bullet points". A question about the notice's language rule ("must my diploma be translated?") is not.
# What may open an imperative: "now translate that", "ok, just fix it".
_OPENING_FILLER = r"\W*(?:(?:ok(?:ay)?|now|so|then|and|just|pls|please)[\s,]+)*"
_ASKS_YOU = (rf"(?:(?:^|[.!?:]\s*){_OPENING_FILLER}|\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+"
             r"|just\s+)?|\bplease\s+|\b(?:i\s+(?:need|want)|i'?d\s+like)\s+you\s+to\s+|\bhelp\s+me\s+(?:to\s+)?)")
_TEXT_VERB = (r"(?:translate|(?:do|write|make|prepare|give\s+me)\s+(?:an?\s+|the\s+|my\s+)?(?:\w+[\s-])?translations?\s+of"
              r"|check|correct|proof-?read|improve"
              r"|rephrase|re-?word|re-?write|polish|edit|fix|paraphrase|shorten)")
_TEXT_OBJECT = (r"(?:(?:this|that|these|the\s+following|my|a|one)\s+(?:one\s+|short\s+|little\s+|small\s+)?"
                r"(?:sentences?|paragraphs?|text|lines?|phrases?|wording|words|english|french|grammar|spelling|bit"
                r"|passage|diploma|transcripts?|certificates?|degree)\b|(?:it|this|that)\s*(?::|\s+(?:for\s+me|into)\b)"
                r"|the\s+(?:english|french|grammar|spelling|wording)\s+(?:in|of)\s+(?:this|my|these|the\s+following)\b)")
_TEXT_WORK = re.compile(
    rf"{_ASKS_YOU}{_TEXT_VERB}\s+{_TEXT_OBJECT}"
    rf"|{_ASKS_YOU}(?:review|look\s+(?:at|over|through)|go\s+(?:through|over))\s+my\s+(?:\w+\s+){{0,2}}?application\b"
    r"(?!\s+(?:deadline|process|portal|status|number))"
    # "just translate it, ...": an imperative on the text at hand ("check that" may ask to check an answer)
    rf"|(?:^|[.!?]\s+){_OPENING_FILLER}(?:translate|correct|proof-?read"
    r"|improve|rephrase|re-?word|re-?write|polish|edit|paraphrase|shorten)\s+(?:it|this|that|them)\b"
    r"|\b(?:is|are|does|do)\s+(?:this|that|these|the\s+following|my)\s+(?:(?:sentences?|paragraphs?|text|lines?|phrases?"
    r"|wording|english|french)\s+)?(?:grammatically\s+|really\s+)?(?:correct|right|ok|okay|good|fine|sound|make\s+sense"
    r"|well\s+written|clear|professional)\b.{0,20}(?::|[\"“‘]|(?<!\w)')"  # the apostrophe of "I'm" opens no quote
    r"|\b(?:is|are)\s+(?:this|that|these|the\s+following|my)\s+(?:sentences?|paragraphs?|text|lines?|phrases?|wording)"
    r"\s+(?:grammatically\s+)?(?:correct|right|ok|okay|good|fine|well\s+written|clear|professional)\b"
    r"|\bhow\s+(?:do|would|should|can)\s+(?:i|you|one)\s+(?:say|write|put|translate)\s+(?:this|that|it|[\"“'‘])"
    r".{0,40}\b(?:in|into)\s+(?:french|english)\b"
    r"|\b(?:give|write|list|make|send|suggest|draft|compose)\s+(?:me\s+)?(?:\d+|a\s+few|some|two|three|four|five)\s+"
    r"(?:\w+\s+)?(?:bullet\s*points?|bullets|sentences|lines|phrases|keywords|key\s+points|talking\s+points)\b"
    r"(?!.{0,20}\b(?:of|from|about|on|summari[sz]ing|for)\s+the\s+(?:notice|duties|vacancy|internship|requirements"
    r"|criteria|tasks|offer)\b)",
    re.IGNORECASE | re.DOTALL,
)
# A quoted piece of the applicant's text, to be judged or corrected: 'is "I am looking forward to hear from you"
# correct?', 'ma phrase « ... » c'est bien dit ?', 'corrige-moi : "..."', 'est-ce correct de dire « ... » ?', or pasted
# after a colon: 'corrige l'orthographe : je suis motivez pour ce stage'.
_QUOTED_TEXT = r"[\"“«‘]\s*[^\"”»’]{12,}[\"”»’]"
_JUDGED_OR_CORRECTED = re.compile(
    rf"(?:{_QUOTED_TEXT}).{{0,40}}\b(?:correcte?s?|right|ok|okay|fine|good|sounds?\s+\w+|sonne\s+bien|bien\s+dit"
    r"|juste|grammatical(?:ly)?|proper\s+english)\b"
    r"|\b(?:est|is)\s+(?:correcte?|right|juste|bien\s+(?:[ée]crite?|dite?|formul[ée]e?|tourn[ée]e?)|well\s+written|ok|okay"
    r"|good|fine)\s*:\s*" + _QUOTED_TEXT +
    r"|\b(?:correct|fix|improve|rephrase|translate|proof-?read|corrige[sz]?|am[ée]liore[sz]?|reformule[sz]?|tradui[st]"
    r"|reli[st])(?:[\s-]+moi)?\s*:\s*" + _QUOTED_TEXT +
    r"|\b(?:correcte?|juste|right|ok|okay|fine|proper)\s+(?:de|to)\s+(?:dire|[ée]crire|say|write|put)\s*:?\s*"
    r"(?:" + _QUOTED_TEXT + r"|(?<!\w)'[^']{12,}')" +
    r"|\b(?:correct|fix|check|corrige[sz]?|v[ée]rifie[sz]?)\s+(?:the\s+|my\s+|l'|la\s+|les\s+)?"
    r"(?:spelling|grammar|orthographe|grammaire|fautes)\s*:\s*\S",
    re.IGNORECASE | re.DOTALL,
)
# "could you correct it?" after the applicant's own text.
_CORRECT_IT = re.compile(
    r"\b(?:sentences?|paragraph|text|letter|introduction|cv|motivation|statement|essay|lines)\b.{0,400}?"
    r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?(?:correct|fix|improve|proof-?read|rephrase|polish|edit"
    r"|re-?write)\s+(?:it|this|that|them)\b",
    re.IGNORECASE | re.DOTALL,
)
_OVERRIDE_TRICK = re.compile(
    r"\b(?:ignore|disregard|forget|bypass|override)\b.{0,40}\b(?:rules?|instructions?|policy|polic(?:y|ies)|restrictions?|guidelines?|prompt)"
    r"|\b(?:pretend|act\s+as\s+if|imagine)\b.{0,60}\b(?:no\s+rules|not\s+(?:restricted|a\s+bot|bound)|allowed|unrestricted)"
    r"|\bdeveloper\s+mode\b|\bjailbreak\b|\bDAN\b",
    re.IGNORECASE | re.DOTALL,
)
# "Can I use ChatGPT for my cover letter?" asks about the policy, not for a draft; so does any AI tool named, and so
# does asking what using one would cost ("would NATO reject my application if I used AI to correct the grammar?").
_AI_TOOL = (r"(?:ai|chat\s*gpt|gpt|chatbots?|ai\s+tools?|grammarly|deepl|copilot|gemini|claude|bard|perplexity|llms?"
            r"|(?:large\s+)?language\s+models?|generative\s+ai|gen\s*ai)")
_POLICY_QUESTION = re.compile(
    rf"\b(?:can|may|could|is|are|would)\s+(?:an?\s+)?{_AI_TOOL}\b"
    rf"|\b{_AI_TOOL}\b.{{0,40}}\b(?:allowed|permitted|ok|okay|acceptable|forbidden|banned)\b"
    r"|\b(?:can|may|could|am|is|are)\s+(?:i|we|applicants|candidates|it)\b.{0,30}\b(?:use|using|allowed|ok|okay|permitted)\b"
    rf".{{0,40}}\b(?:{_AI_TOOL}|tools?|translators?|translation\s+software)\b"
    rf"|\b(?:reject\w*|disqualif\w*|penali[sz]\w*|exclud\w*|sanction\w*)\b.{{0,80}}\b{_AI_TOOL}\b"
    r"|\b(?:would|will|is)\s+it\s+(?:be\s+)?(?:a\s+)?(?:problem|issue|ok|okay|fine|allowed|acceptable)\s+if\s+(?:i|we)\s+"
    rf"(?:use|used|using)\b.{{0,40}}\b{_AI_TOOL}\b",
    re.IGNORECASE | re.DOTALL,
)
# "What does the notice ask for in the application?", "is there anything that would make my application stronger?"
# ask what the notice says.
_NOTICE_QUESTION = re.compile(
    r"\b(?:what|which)\b.{0,30}\b(?:documents?|do\s+(?:i|you)\s+need|required|attach|include|submit)\b"
    r"|\b(?:what|anything|something)\s+(?:that\s+)?(?:would|could|will|can|might)\s+make\s+(?:my|an?|the)\s+application\b"
    r"|\b(?:do|does|is)\s+(?:i|one|it|the\s+application)\s+(?:need|require|have)\b",
    re.IGNORECASE,
)
# "How can you help me with my application?" asks what the assistant does.
_ASSISTANT_QUESTION = re.compile(r"\bhow\s+(?:can|could|will|would|do)\s+(?:you|u)\s+help\b", re.IGNORECASE)
# "I'm writing my motivation letter", "before I write my letter", "I'd like to write about it in my motivation", "do I
# fill in a form online?": what the applicant does, not something asked of the assistant ("I need you to write it",
# "how should I phrase my answer?").
_ENGLISH_DOING = re.compile(
    r"\b(?<!should\s)(?<!could\s)(?<!would\s)(?<!shall\s)(?<!must\s)(?<!might\s)(?<!can\s)(?:i|we)"
    r"(?:'m|'d|'ll|'ve|\s+am|\s+was|\s+will|\s+shall|\s+would|\s+do|\s+did|\s+also|\s+still|\s+already|\s+currently"
    r"|\s+just|\s+be|\s+(?:can|could|should|must|may|might)|\s+(?:want|need|have|plan|hope|like|wish|intend)\s+to)*\s+$",
    re.IGNORECASE,
)


def _matches(pattern: re.Pattern, text: str):
    """Every match, overlapping ones included, so that the applicant's own doing does not hide a request after it."""
    position = 0
    while match := pattern.search(text, position):
        yield match
        position = match.start() + 1


# --- languages (issue 13): the same requests in French ("rédige ma lettre de motivation", "corrige mon CV",
# "traduis mon diplôme", "tu peux améliorer ma lettre ?"); the applicant doing it themselves ("je peux traduire
# mes documents moi-même ?", "faut-il une lettre de motivation ?", "j'ai écrit mon CV avec ChatGPT", "je prépare
# mon dossier" where nothing is asked of the assistant) is a question or a statement, not a request.
_FRENCH_PART = (
    r"(?:lettres?(?:\s+de\s+(?:motivation|candidature|pr[ée]sentation))?|\bcv\b|curriculum|dipl[ôo]mes?|relev[ée]s?\s+de\s+notes"
    r"|formulaires?|candidatures?|dossiers?\s+de\s+candidature|paragraphes?|r[ée]ponses?|motivation|parcours|exp[ée]riences?"
    r"|documents?|papiers|accroche|mails?\s+de\s+candidature|e-mails?\s+de\s+candidature|points\s+forts|champs?"
    r"|phrases?|textes?|introduction|conclusion|(?:sections?|rubriques?)\s+[«\"]|qualit[ée]s"
    r"|pr[ée]sentation\s+de\s+moi|questions?\s+du\s+formulaire|versions?|(?<!\bau\s)(?<!\bde\s)(?<!\bdu\s)(?<!\ben\s)d[ée]buts?"
    r"|pourquoi\s+je\s+(?:veux|voudrais|souhaite)\s+(?:faire|rejoindre|postuler))"
)
_FRENCH_VERB = (
    r"(?:r[ée]dig\w*|raccourci\w*|[ée]cri(?:s|re|r|vez|ves?)|r[ée][ée]cri\w*|corrig\w*|reli(?:s|re|sez)|am[ée]lior\w*|tradui(?:s|re|sez|t)"
    r"|r[ée]organis\w*|g[ée]n[èée]r(?:e|er|ez)\b|cr[ée]e[rz]?\b|adapt\w*|en\s+faire\s+(?:un|une|des)"
    r"|rempli(?:s|r|ssez)|reformul\w*|r[ée]sum(?:e|er|ez)\b|fai(?:s|tes)(?:[\s-]+moi)?\s+(?:un|une|mon|ma|mes)|me\s+faire\s+(?:un|une|mon|ma|mes)"
    r"|propos\w*\b(?![\s-]+(?:moi\s+|nous\s+)?(?:(?:un|une|des|les?)\s+|d')?(?:autres?\s+)?(?:stages?|postes?|offres?|missions?|places?)\b)"
    r"|pr[ée]par\w*|peaufin\w*|perfectionn\w*|met(?:s|tre|tez)\s+en\s+forme|optimis\w*|v[ée]rifi\w*\s+l'orthographe"
    r"|donne(?:z)?[\s-]+moi\s+(?:un|une|des|quelques|trois|deux)?\s*(?:mod[èe]les?|exemples?|phrases?|id[ée]es?|arguments"
    r"|(?:bullet\s+)?points?)|compl[ée]t(?:e|er|ez)\b"
    r"|(?:aide[sz]?[\s-]+moi|m'aider)\s+[àa]\s+(?:[ée]crire|r[ée]diger|remplir|formuler|corriger|traduire|am[ée]liorer"
    r"|mettre\s+en\s+valeur|valoriser|pr[ée]senter|d[ée]crire))"
)
# The text of the notice itself is not the applicant's: "pourriez-vous me résumer son rôle en quelques phrases ?".
_FRENCH_NOTICE_CONTENT = (r"(?:son|sa|ses|leurs?|le|la|les|l')\s*(?:r[ôo]le|missions?|activit[ée]s|travail|division|annonce"
                          r"|offre|poste|[ée]quipe|otan|t[âa]ches|comp[ée]tences|crit[èe]res|exigences)\b")
# "qu'est-ce que je mets dans la case expérience ?", "que devrais-je répondre ?", "comment je réponds à « ... » ?":
# what to write in the application, asked at the start of any sentence.
_FRENCH_WHAT_TO_WRITE = (
    r"(?:^|[.!?:;,]\s*)\W*(?:qu'est-ce\s+que|que|quoi)\s+(?:je\s+(?:dois|peux|devrais|pourrais)\s+"
    r"|(?:dois|devrais|puis|pourrais)-je\s+)?(?:r[ée]pondre|mettre|[ée]crire|dire)\b"
    r"|\bqu'est-ce\s+que\s+je\s+(?:mets|[ée]cris|r[ée]ponds|dis)\s+dans\s+(?:la|le|ma|mon|cette|ce)\s+"
    r"(?:case|champ|partie|rubrique|section|formulaire|lettre|cv|paragraphe)\b"
    r"|\bcomment\s+(?:je\s+r[ée]ponds|r[ée]pondre|(?:dois|devrais|puis)-je\s+r[ée]pondre|je\s+(?:dois|devrais|peux)\s+r[ée]pondre)"
    r"\s+[àa]\s+(?:[«\"“]|(?:la|cette|ces|les)\s+questions?)"
)
# "tu me dis ce qu'il faut améliorer ?", "quels mots clés devrais-je glisser dans mon CV ?": advice on the wording.
_FRENCH_WHAT_TO_CHANGE = (
    r"\b(?:dis|dites|indiques?|indiquez|montres?|montrez)(?:[\s-]+moi)?\s+(?:ce\s+qu'il\s+faut|ce\s+que\s+je\s+dois)\s+"
    r"(?:am[ée]liorer|changer|corriger|modifier|revoir|reformuler)"
    r"|\bquel(?:le)?s\s+(?:mots[\s-]*cl[ée]s|mots|termes|formulations?|expressions?|verbes)\s+(?:devrais-je|dois-je|puis-je"
    r"|je\s+(?:dois|devrais|peux|pourrais))\s+(?:\w+\s+)?(?:utiliser|mettre|glisser|employer|[ée]crire|ajouter|inclure)"
)
_FRENCH_REQUEST = re.compile(
    rf"\b{_FRENCH_VERB}\b(?![\s-]+(?:moi\s+|me\s+)?{_FRENCH_NOTICE_CONTENT}).{{0,60}}?{_FRENCH_PART}"
    rf"|{_FRENCH_PART}.{{0,80}}?\b{_FRENCH_VERB}[\s-]*(?:le|la|les|moi(?!-m[êe]me)|l')\b"  # "moi-même": the applicant does it
    rf"|{_FRENCH_PART}.{{0,200}}?\b(?:tu|vous)\b.{{0,20}}?\b(?:l'|la\s+|le\s+|les\s+)"  # "... tu peux l'écrire ?"
    rf"(?:{_FRENCH_VERB}|rendre\b.{{0,40}}\bplus\b)"
    rf"|\brend(?:s|re|ez)\s+(?:ma|mon|mes)\s+{_FRENCH_PART}.{{0,40}}\bplus\b"
    rf"|{_FRENCH_PART}.{{0,80}}?{_FRENCH_WHAT_TO_CHANGE}|{_FRENCH_WHAT_TO_CHANGE}.{{0,40}}?{_FRENCH_PART}"
    r"|\b(?:me|nous)\s+(?:l'|la\s+|le\s+|les\s+)(?:[ée]cri\w*|r[ée]dig\w*|corrig\w*|tradui\w*|fai(?:s|tes|re)\b)"  # "tu me la fais ?"
    r"|\b(?:relis|relisez|relire|corrige[sz]?|corriger)\b.{0,10}\bce\s+que\s+j'ai\s+[ée]crit"
    rf"|{_FRENCH_WHAT_TO_WRITE}"
    r"|\b(?:[ée]cri|r[ée]dige|corrige|tradui)s?-(?:la|le|les)\b(?=.{0,20}\bpour\s+moi)",
    re.IGNORECASE | re.DOTALL,
)
_FRENCH_SELF = re.compile(
    r"\b(?:je\s+(?:peux|dois|pourrais|vais|veux|voudrais|voulais|souhaite)|puis-je|dois-je|faut-il|il\s+faut|faut|peut-on"
    r"|on\s+peut|doit-on|on\s+doit|est-ce\s+qu'(?:il\s+faut|on\s+peut|on\s+doit)|est-ce\s+que\s+je)\s+"
    r"(?:(?!tu\b|vous\b)\w+\s+){0,2}$",
    re.IGNORECASE,
)
# An infinitive ("rédiger", "remplir", "me faire", "en faire") is asked of the assistant only when the assistant is
# addressed just before it ("peux-tu rédiger", "tu pourrais me préparer", "utilise ton IA pour rédiger", "je ne sais
# pas quoi écrire"); otherwise someone else does it ("elles m'aident à préparer ma candidature", "j'ai encore le
# temps de préparer mes documents", "quelles conditions devrait-il remplir").
_FRENCH_INFINITIVE = re.compile(r"(?:me\s+|m'|en\s+)?(?:\w+(?:er|ir)|[ée]crire|r[ée][ée]crire|relire|traduire|mettre|faire)\b",
                                re.IGNORECASE)
_FRENCH_ASKED_TO = re.compile(
    r"(?:^|\b(?:tu|vous|quoi)|-(?:tu|vous)|\bmerci\s+de|\b(?:ton|votre)\s+(?:ia|intelligence\s+artificielle)\s+pour)"
    r"\W*(?:\w+\s+){0,2}?(?:me\s+|m'|nous\s+)?$",
    re.IGNORECASE,
)
# "je prépare mon dossier, quels documents joindre ?", "j'ai écrit mon CV avec ChatGPT, c'est un problème ?": what
# the applicant does or did, unless the message asks the assistant to do it too ("j'ai écrit ma lettre, tu peux
# l'améliorer ?", "je prépare ma lettre, corrige-la"); "je remplis le formulaire, pourriez-vous me rappeler les
# compétences ?" asks something else.
_FRENCH_DOING = re.compile(r"\b(?:je|j'(?:ai\s+)?)\s*$", re.IGNORECASE)
_ASKS_THE_ASSISTANT = re.compile(
    rf"\b(?:tu|vous|toi)\b(?:[\s'-]+\w+){{0,3}}?[\s'-]+{_FRENCH_VERB}|\b{_FRENCH_VERB}-(?:la|le|les|moi|nous)\b"
    r"|\b(?:stp|svp)\b|\bs'il\s+(?:te|vous)\s+pla[iî]t",
    re.IGNORECASE,
)
_FRENCH_AI_TOOL = r"(?:ia|chat\s*gpt|gpt|intelligence\s+artificielle|deepl|antidote|outils?)"
_FRENCH_TOOL = rf"(?:{_FRENCH_AI_TOOL}|correcteurs?)"  # a spell checker too, where what using one would cost is asked
_FRENCH_POLICY_QUESTION = re.compile(
    r"\b(?:peut-on|puis-je|on\s+peut|je\s+peux|est-ce\s+qu'on\s+peut|a-t-on\s+le\s+droit\s+d')\s*(?:\w+\s+){0,2}?"
    r"utiliser\b.{0,40}\b" + _FRENCH_TOOL + r"\b"
    r"|\b" + _FRENCH_TOOL + r"\b.{0,60}\b(?:poser(?:ait|a)?|pose)\s+(?:un\s+)?probl[èe]me"
    r"|\b(?:droit|permis|autoris\w*|interdit\w*|accept\w*|tol[ée]r\w*|sanctionn\w*)\b.{0,60}"
    r"\b" + _FRENCH_AI_TOOL + r"\b"
    r"|\b" + _FRENCH_AI_TOOL + r"\b.{0,40}\b(?:autoris\w*|interdit\w*|permis|accept\w*)"
    # what having used one would cost: "... relire sa lettre par ChatGPT ... entraîner le rejet de son dossier ?"
    r"|\b(?:rejet\w*|refus\w*|[ée]limin\w*|p[ée]nalis\w*|sanction\w*|interdit\w*|disqualifi\w*)\b.{0,120}\b" + _FRENCH_TOOL + r"\b"
    r"|\b" + _FRENCH_TOOL + r"\b.{0,120}\b(?:rejet\w*|refus\w*|[ée]limin\w*|p[ée]nalis\w*|interdit\w*|disqualifi\w*)",
    re.IGNORECASE | re.DOTALL,
)
_FRENCH_OVERRIDE_TRICK = re.compile(
    r"\b(?:oublie|ignore|ignorez|oubliez|contourne)\b.{0,30}\b(?:r[èe]gles?|instructions?|consignes?|politique)"
    r"|\bfai(?:s|tes)\s+comme\s+si\b",
    re.IGNORECASE | re.DOTALL,
)


def _is_french_drafting_request(text: str) -> bool:
    if _FRENCH_POLICY_QUESTION.search(text):
        return False
    if _FRENCH_OVERRIDE_TRICK.search(text) and re.search(_FRENCH_PART, text, re.IGNORECASE):
        return True
    asks = bool(_ASKS_THE_ASSISTANT.search(text))
    return any(_asked_of_the_assistant(match, text[: match.start()], asks) for match in _matches(_FRENCH_REQUEST, text))


def _asked_of_the_assistant(match: re.Match, before: str, asks: bool) -> bool:
    # The French words also read English ("I'd like to prepare everything... documents"): the applicant's own doing
    # is theirs in either language.
    if _ENGLISH_DOING.search(before):
        return False
    verb = re.match(_FRENCH_VERB, match.group(0), re.IGNORECASE)
    if verb and _FRENCH_INFINITIVE.match(verb.group(0)) and not _FRENCH_ASKED_TO.search(before):
        return False
    return not _FRENCH_SELF.search(before) and (asks or not _FRENCH_DOING.search(before))
# --- end languages


def is_drafting_request(text: str) -> bool:
    """True when the message asks for any part of an application to be written, improved or filled in."""
    if _POLICY_QUESTION.search(text):
        return False
    if _is_french_drafting_request(text):
        return True
    if _OVERRIDE_TRICK.search(text) and re.search(_APPLICATION_PART + r"|\bapplication\b", text, re.IGNORECASE):
        return True
    if ((_NOTICE_QUESTION.search(text) or _ASSISTANT_QUESTION.search(text))
            and not re.search(r"\b(?:for me|on my behalf)\b", text, re.IGNORECASE)):
        return False
    return bool(any(not _ENGLISH_DOING.search(text[: match.start()]) for match in _matches(_REQUEST, text))
                or _TEXT_WORK.search(text) or _JUDGED_OR_CORRECTED.search(text)
                or _CORRECT_IT.search(text))
