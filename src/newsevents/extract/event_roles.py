"""Who did it and to whom: the source and target of an event trigger, read off the dependency parse.

Source: the grammatical agent (nsubj, or the "by" agent of a passive), inherited through
xcomp/conj/advcl/acl when the trigger has no subject of its own ("Russian forces have begun
withdrawing"); for an event noun, its possessor or national modifier ("Russian air strikes"),
else the subject of the light verb that carries it ("Moscow began its bombing campaign").
Target: the object (dobj, dative, the subject of a passive), else the object of a preposition
such as from/with/against/to ("withdrawing from Syria"). Coordinated subjects ("he and Putin")
give the first as source and the second as target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.extract.event_lexicon import CARRIER_NOUNS, load_lexicon
from newsevents.resolve.actor_tables import person_nouns

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsevents.extract.event_lexicon import EventLexicon

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
NOT_PARTY_PRONOUNS = RELATIVE_PRONOUNS | {"it", "this", "that", "what", "much", "some"}
# Prepositions whose object is the one acted on: "withdraw from", "talks with", "attack on".
TARGET_PREPS = ("against", "with", "to", "from", "on", "into", "at", "toward", "towards", "upon", "over", "for",
                "between")
# Prepositions that place a clause in time by an event ("before the attacks", "since the war"): the clause's
# verb does not carry the event, and its subject did not act in it.
TIME_PREPS = {"before", "after", "since", "during", "until", "till", "amid", "amidst", "following", "despite"}
# "In" and "of" give a target only when nothing better is there: "arrived in Amman", "withdrawal of troops".
WEAK_TARGET_PREPS = ("in", "of")
# Prepositions whose object, when it is a place, says where an event happened: never who did it. (It can
# still be the one acted on: the PLOVER GSR codes "deployed in Montenegro" with Montenegro as the target.)
PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout"}
# Objects whose own possessor or modifier is the real party: "praised Haiti's efforts", "a U.S. request".
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Entity labels that never name a party: a date, a time, a number, an amount.
NOT_ACTOR_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# Object-control verbs: in "urged Iraq to withdraw" the object is the one who would withdraw.
OBJECT_CONTROL = {"urge", "ask", "order", "force", "allow", "persuade", "tell", "invite", "encourage",
                  "pressure", "call", "press", "help", "permit", "compel", "authorize", "instruct", "demand"}
# Nouns that name an actor, so that a participle on them ("forces attacking X") takes them as subject.
ACTOR_NOUNS = {"force", "troop", "soldier", "army", "rebel", "militant", "police", "government", "official",
               "fighter", "militia", "guerrilla", "insurgent", "protester", "demonstrator", "country", "state",
               "authority", "ministry", "military", "group", "leader", "president", "minister", "jet", "aircraft",
               "plane", "warplane", "helicopter", "tank", "settler", "worker", "student", "activist", "party",
               "member", "regime", "navy", "unit", "commander", "officer", "gunman", "bomber", "side", "people"}
# Nouns for documents, statements and events: never a party to an event ("the statement said",
# "a 500-page report accused", "the announcement of the pull-out").
NOT_ACTOR_NOUNS = {
    "statement", "report", "document", "announcement", "decision", "letter", "bill", "law", "resolution",
    "plan", "proposal", "agreement", "deal", "treaty", "talks", "meeting", "attack", "war", "election", "poll",
    "survey", "study", "article", "story", "interview", "speech", "video", "ad", "advertisement", "tweet",
    "post", "website", "book", "memo", "email", "database", "release", "communique", "declaration", "move",
    "step", "measure", "policy", "campaign", "rally", "visit", "trip", "conference", "summit", "ceremony",
    "delivery", "removal", "feasibility", "possibility", "issue", "question", "situation", "crisis", "problem",
    "process", "effort", "idea", "matter", "case", "incident", "event",
    # acts, rulings and words, acted on or spoken, never acting: "signed an order", "rejected the motion"
    "order", "legislation", "amendment", "regulation", "ruling", "verdict", "motion", "request", "demand", "offer",
    "ban", "sanction", "budget", "contract", "pact", "accord", "ceasefire", "cease-fire", "truce", "petition",
    "program", "programme", "initiative", "strategy", "vote", "referendum", "nomination", "remark", "comment",
    "accusation", "allegation", "criticism", "threat", "warning", "rhetoric", "message", "appeal",
    "action", "handling", "conduct", "behavior", "behaviour", "stance", "response", "candidacy", "performance",
}
# Passives that describe the subject's own stance: "is opposed to", "are engaged in", "is committed to".
STATIVE_PASSIVES = {"oppose", "commit", "engage", "involve", "prepare", "determine", "dedicate", "resolve"}
# Event nouns whose "of" object is the one acting ("the withdrawal of troops"); for the others it is acted on.
INTRANSITIVE_TYPES = {"RETREAT", "PROTEST", "MOBILIZE", "CONSULT"}
SPAN_RIGHT_DEPS = {"compound", "flat", "nummod", "appos"}
MAX_ACTOR_TOKENS = 12


# Heads that only count or group the actor: "thousands of students", "a group of diplomats".
GROUP_HEADS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions", "group",
               "number", "some", "many", "most", "all", "part", "majority", "score", "scores", "member", "members",
               "one", "two", "three", "several", "tens", "third", "half", "batch", "band", "crowd", "contingent", "series"}


def content_head(token: Token) -> Token:
    """'thousands of students' -> students; other tokens unchanged."""
    for _ in range(3):
        if token.lemma_.lower() not in GROUP_HEADS and token.lower_ not in GROUP_HEADS \
                and token.ent_type_ != "CARDINAL":
            return token
        pobj = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None:
            return token
        token = pobj
    return token


def is_place_object(token: Token) -> bool:
    """"wounded in an attack near Kabul": a place named as where, never the party that acted."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") and token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS


def is_fronted_setting(token: Token, verb: Token) -> bool:
    """A place named in front of the clause's verb ("In France, the government has asked ..."): where, not who."""
    return is_place_object(token) and token.head.i < verb.i and token.head.head.i == verb.i


def is_actor_like(token: Token) -> bool:
    if token.ent_type_ in NAME_LABELS or token.pos_ == "PRON" and token.lower_ not in NOT_PARTY_PRONOUNS:
        return True
    lemma = token.lemma_.lower()
    return lemma in ACTOR_NOUNS or token.pos_ in ("NOUN", "PROPN") and lemma in person_nouns()


def actor_span(token: Token) -> Span:
    """The noun phrase headed by `token`, without its conjuncts, relative clauses or trailing clauses."""
    doc = token.doc
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("cc", "conj", "punct", "preconj"):
            continue
        left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in SPAN_RIGHT_DEPS or (child.dep_ == "prep" and child.lower_ in ("of", "in", "from")
                                              and not _takes_a_clause(child)):
            right = max(right, child.right_edge.i)
        else:
            break
    # An apposition or prepositional phrase may run far: keep the phrase short enough to code.
    if right - left + 1 > MAX_ACTOR_TOKENS:
        right = token.i
    # a line break inside the sentence is a token of its own ("\nPresident Clinton"): never part of the phrase
    while right > token.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < token.i and (doc[left].dep_ in ("cc", "punct") or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def _takes_a_clause(preposition: Token) -> bool:
    """ "of militarizing disputed waters" in "accusing the Chinese of militarizing ...": a preposition whose
    object is a clause says what the actor did, it is no part of the actor's name ("residents of Aleppo")."""
    return any(child.dep_ == "pcomp" and child.pos_ in ("VERB", "AUX") for child in preposition.children)


def conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it ("he and Putin" -> he, Putin)."""
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def _own_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
    return None


# He, she and their other cases, with the gender each asks of the person it stands for.
PERSONAL_PRONOUN_GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def pronoun_antecedent(pronoun: Token) -> Token | None:
    """The person a he/she/his/her filler stands for within its sentence: the subject of a clause the
    pronoun sits in, nearest first ("Snell was fired after his arrest", "Clinton acknowledged ...,
    saying she applauded him"), that comes before it, is a named person or a person's title, and
    has no name of the other gender. An object pronoun is never its own clause's subject ("Trump said
    Clinton attacked him": him is not Clinton). None when nothing fits: the pronoun then stays."""
    gender = PERSONAL_PRONOUN_GENDERS.get(pronoun.lower_)
    if gender is None:
        return None
    own_clause_skipped = pronoun.dep_ in ("nsubj", "nsubjpass", "poss")
    for verb in pronoun.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if not own_clause_skipped:
            own_clause_skipped = True
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.i < pronoun.i and _may_be_called(subject, gender):
            return subject
    # "When President Obama flew to Boise, he met ...": the subject of a clause in front of the pronoun's own
    if pronoun.dep_ in ("nsubj", "nsubjpass"):
        for clause in pronoun.head.children:
            if clause.dep_ == "advcl" and clause.i < pronoun.i:
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and _may_be_called(subject, gender):
                    return subject
    return None


def _may_be_called(subject: Token, gender: str) -> bool:
    """A subject a he/she can stand for: a named person; or a name the entity model left unlabelled (a
    surname alone: "Snell was fired"), of that gender or none known; or a person's title ("the governor")."""
    if subject.pos_ == "PRON":
        return False
    named = subject.ent_type_ == "PERSON" or subject.ent_type_ == "" and subject.pos_ == "PROPN"
    if named:
        return _gender_of_name(subject) in (None, gender)
    return subject.ent_type_ == "" and subject.tag_ == "NN" and is_actor_like(subject)


def named_mention(span: Span) -> Span | None:
    """The phrase a he/she/his/her party stands for within its own sentence (`pronoun_antecedent`): the
    name a coder writes for it ("Snell was fired after his arrest": Snell). None for any other span."""
    if len(span) != 1 or span[0].lower_ not in PERSONAL_PRONOUN_GENDERS:
        return None
    antecedent = pronoun_antecedent(span[0])
    return actor_span(antecedent) if antecedent is not None else None


def _gender_of_name(head: Token) -> str | None:
    """The gender a person's name tells, with the word before it ("Mrs. Warren", "Hillary Clinton")."""
    from newsevents.resolve.speakers import name_gender

    span = actor_span(head)
    before = [head.doc[span.start - 1].text] if span.start > 0 else []
    return name_gender(before + [t.text for t in span])


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def passive_subjects(verb: Token) -> list[Token]:
    """The subject of a passive verb. spaCy sometimes tags it nsubj, on the verb or on its auxiliary:
    "Ms. Sears and Mr. Bowers are now both charged"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if subjects:
        return subjects
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return [c for t in (verb, *auxiliaries) for c in t.children if c.dep_ == "nsubj"]


def _acted_on(passive: Token) -> list[Token]:
    """A passive's subjects; "a man who was killed": the relative pronoun stands for the noun its clause hangs on."""
    relative = passive.dep_ == "relcl"
    return [passive.head if relative and c.lower_ in RELATIVE_PRONOUNS else c for c in passive_subjects(passive)]


def headline_passive(verb: Token) -> bool:
    """A headline's passive without its auxiliary: "Councilwoman arrested after incident" (spaCy: a
    root participle with a subject and no object). Not "Thousands of students protested", which
    spaCy tags the same: only a verb whose events act on someone reads as passive."""
    return verb.tag_ == "VBN" and verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children) and _done_to(verb)


def reduced_relative(verb: Token) -> bool:
    """A participle on the noun it was done to: "two soldiers wounded in the attack", "wounded soldiers"."""
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not is_passive(verb) \
        and verb.head.pos_ in ("NOUN", "PROPN", "PRON") and _done_to(verb)


def _done_to(verb: Token) -> bool:
    """A trigger verb whose events act on someone ("wounded", "arrested"), not one whose subject acts
    alone ("protested", "withdrew", "met")."""
    types = {t.type for t in load_lexicon().verbs.get(verb.lemma_.lower(), ())}
    return bool(types) and not types & INTRANSITIVE_TYPES


def passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def verb_subject(verb: Token, depth: int = 0) -> Token | None:
    """The agent of a verb, inherited from the clause it hangs on when it has none of its own."""
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not is_passive(verb):
        agent = passive_agent(verb)
        # "Thousands of students protested" misparsed with the verb hanging on a verbless root; but in
        # "Two soldiers wounded in attack" the soldiers are the ones acted on (reduced_relative)
        if agent is None and verb.head.dep_ == "ROOT" and verb.head.pos_ != "VERB" and not _done_to(verb):
            return content_head(verb.head)
        return agent
    if headline_passive(verb):
        return passive_agent(verb)
    if is_passive(verb):
        agent = passive_agent(verb)
        if agent is None and verb.lemma_.lower() in STATIVE_PASSIVES:  # "Israel is opposed to ..."
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return agent
    subject = _own_subject(verb)
    if subject is not None or depth > 4:
        return subject
    head = verb.head
    if head.i == verb.i:  # the root
        return None
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            for child in head.children:
                if child.dep_ in ("dobj", "dative"):
                    return child
        if head.pos_ in ("VERB", "AUX"):
            return verb_subject(head, depth + 1)
        if head.pos_ == "ADJ":  # "ready to withdraw": the adjective's clause
            # the adjective's head, or the adjective itself when it is the root ("Iran ready to withdraw")
            return verb_subject(head.head, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _own_subject(head) or verb_subject(head, depth + 1)
    if verb.dep_ in ("advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        return verb_subject(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return verb_subject(head.head, depth + 1)  # "resorted to throwing stones"
    if verb.dep_ in ("acl", "relcl"):
        if is_actor_like(head):
            return head
        # "spent much of its effort attacking X": climb to the clause that has an agent.
        for ancestor in head.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                return verb_subject(ancestor, depth + 1)
    return None


# Possessive pronouns: never a party by themselves ("their leaders"), and they point a noun trigger back at
# the clause's subject ("Moscow began its bombing campaign").
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}


def _object_candidates(obj: Token) -> list[Token]:
    """An object, preceded by its possessor or national modifier when those name a party."""
    out: list[Token] = []
    owners = [obj, *[c for c in obj.children if c.dep_ == "compound"]]  # "Lebanon's new President Hrawi"
    # "praised her effort", "criticized his remarks": whose act it is, a person named by a pronoun
    act = obj.pos_ != "PROPN" and obj.lemma_.lower() in NOT_ACTOR_NOUNS
    for owner in owners:
        for child in owner.children:
            if child.dep_ == "poss" and (child.lower_ not in POSSESSIVE_PRONOUNS or act and child.lower_ in ("his", "her")):
                out.append(child)
    if obj.ent_type_ not in NAME_LABELS and not is_actor_like(obj):
        for child in obj.children:
            if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG"):
                out.append(child)
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "by", "from"):
                out += [g for g in child.children if g.dep_ == "pobj"]
    # "withdraw its troops from Lebanon": the actor's own forces are not the one acted on
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in obj.children):
        out.append(obj)
    return out


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            out += [g for g in child.children if g.dep_ == "pobj"]
    return out


def verb_target_candidates(verb: Token, weak: bool = True) -> list[Token]:
    """Objects first, then prepositional objects; with `weak`, also "in"/"of" objects last."""
    candidates: list[Token] = []
    if is_passive(verb):
        candidates += _acted_on(verb)
    elif verb.dep_ == "conj" and verb.tag_ == "VBN" and is_passive(verb.head) \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        candidates += _acted_on(verb.head)  # "have been charged but not apprehended", "... shot and wounded"
    elif headline_passive(verb):
        candidates += [c for c in verb.children if c.dep_ == "nsubj"]
    elif reduced_relative(verb):
        candidates.append(verb.head)
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            candidates.append(child)
    for child in verb.children:
        if child.dep_ in ("dobj", "attr"):
            candidates += _object_candidates(child)
            for obj in _prep_objects(child, TARGET_PREPS):  # "offered its troops to Lebanon"
                candidates += _object_candidates(obj)
    for obj in _prep_objects(verb, TARGET_PREPS):
        candidates += _object_candidates(obj)
    for child in verb.children:  # "agreed on the plan", "rejected a call for ..."
        if child.dep_ == "prt":
            candidates += _prep_objects(child, TARGET_PREPS)
    if weak:
        # "intervened in Syria", but not "In France, the government has asked ...": a phrase in front of
        # the verb sets the scene
        candidates += [obj for obj in _prep_objects(verb, WEAK_TARGET_PREPS) if not is_fronted_setting(obj, verb)]
        for child in verb.children:  # "strengthened its forces in Lebanon", "settlements in the Gaza Strip"
            if child.dep_ == "dobj":
                candidates += _prep_objects(child, ("in",))
    return candidates


def condition_subjects(verb: Token) -> list[Token]:
    """Who must act to avert a threat: "threatened to launch an offensive unless Baghdad accepted its
    conditions" (Baghdad), on the verb or on its infinitive."""
    out = []
    for head in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        for clause in head.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in clause.children):
                subject = _own_subject(clause)
                if subject is not None and subject.pos_ != "PRON":
                    out.append(subject)
    return out


def purpose_target_candidates(token: Token) -> list[Token]:
    """Targets named in a purpose or manner clause: "began a hunger strike to protest against Sweden's decision",
    "blocked roads demanding that he be reinstated", "in protest of the arrest"."""
    head = token if token.pos_ in ("VERB", "AUX") else (token.head if token.head.pos_ in ("VERB", "AUX") else token)
    candidates: list[Token] = []
    for clause in (token, head):
        for child in clause.children:
            if child.dep_ in ("advcl", "xcomp", "acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and child.dep_ == "ccomp":
                    candidates.append(subject)  # "demanded that Hamas renounce ..."
                candidates += verb_target_candidates(child, weak=False)
            if child.dep_ == "prep" and child.lower_ == "in":  # "in protest of/against X"
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    candidates += _prep_objects(pobj, ("of", "against", "at", "over"))
    return candidates


def light_verb_of(noun: Token, lexicon: EventLexicon) -> Token | None:
    """The verb that carries an event noun: "began its bombing campaign", "held talks", "the talks opened",
    "launched a mediation mission", "will provide 25,000 tons of food aid"."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in CARRIER_NOUNS:
        noun = noun.head
    head = noun.head
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "xcomp", "dative") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj":
        above = head.head
        if head.lower_ in TIME_PREPS:
            return None  # "was leading the race before the attacks": the clause only dates itself by the event
        if above.pos_ in ("VERB", "AUX"):  # "went on strike", "engaged in fighting"
            return above
        if head.lower_ == "of" and above.dep_ in ("dobj", "attr", "dative", "nsubjpass") \
                and above.head.pos_ in ("VERB", "AUX"):  # "10 days of war games", "tons of aid"
            return above.head
    return None


# Event nouns whose possessor is the one acted on: "Khashoggi's murder", "his arrest", "the Slepian's
# shooting"; unless an "of" object names that one ("Russia's arrest of the activist").
PATIENT_NOUNS = {"arrest", "detention", "killing", "murder", "kidnapping", "abduction", "assassination",
                 "execution", "shooting", "beating", "stabbing", "indictment", "prosecution", "conviction",
                 "sentencing", "imprisonment", "jailing", "deportation", "expulsion", "extradition", "torture",
                 "firing", "ouster", "impeachment", "capture"}
# Types whose parties meet as equals: "the meeting between Elian and his grandmothers".
BETWEEN_TYPES = {"CONSULT", "AGREE", "COOPERATE"}


def possessor_acted_on(noun: Token) -> bool:
    return noun.lemma_.lower() in PATIENT_NOUNS and not _prep_objects(noun, ("of",))


def noun_source_candidates(noun: Token, lexicon: EventLexicon, type_: str | None = None) -> list[Token]:
    """Possessor, national modifier, "by" agent, the light verb's subject, then an "of"/"from" object;
    for a meeting or an accord, the first party "between" the two or "among" several (the other becomes the target)."""
    out: list[Token] = []
    if not possessor_acted_on(noun):
        out += [child for child in noun.children if child.dep_ == "poss"]
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            out.append(child)
    out += [g for g in _prep_objects(noun, ("by",)) if is_actor_like(g)]
    verb = light_verb_of(noun, lexicon)
    if verb is not None and noun.dep_ != "nsubj":
        if lexicon.is_cue(verb.lemma_, "light") or verb.lemma_.lower() not in lexicon.verbs:
            subject = verb_subject(verb)
            if subject is not None:
                out.append(subject)
    if type_ in INTRANSITIVE_TYPES:
        out += [g for g in _prep_objects(noun, ("of", "from")) if is_actor_like(g)]
    if type_ in BETWEEN_TYPES:
        out += _prep_objects(noun, ("between", "among", "amongst"))  # "negotiations among diplomats"
    return out


def noun_target_candidates(noun: Token, weak: bool = True) -> list[Token]:
    candidates: list[Token] = []
    if possessor_acted_on(noun):
        candidates += [child for child in noun.children if child.dep_ == "poss"]
    for obj in _prep_objects(noun, TARGET_PREPS):
        candidates += _object_candidates(obj)
    if weak:
        candidates += _prep_objects(noun, WEAK_TARGET_PREPS)
    return candidates
