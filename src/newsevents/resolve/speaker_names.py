"""Names fit to be a speaker: no headline fragments, no datelines glued on, no line breaks.

spaCy's NER reads a Title Case headline as one long name ("Glenn Beck Blasts Drudge", "Ben Carson
Defends", "Hillary Clinton Drops") and runs a name into the dateline of the next line ("Donald
Trump\\nMANCHESTER"). Such a span then becomes the canonical name of every later "Beck" or "he".
The body text is the evidence: a real name is written there too, a headline fragment is not.
"""

from __future__ import annotations

import re
from functools import cached_property

from newsevents.quote_cues import load_cues

# Words that Title Case leaves in lower case, so that they do not count against a headline.
_TITLE_CASE_SMALL = {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
                     "as", "from", "vs", "vs.", "v.", "is", "if", "it", "be", "up", "out", "off", "about", "into"}
# A line is a headline when at least this share of its (other) words are capitalised.
HEADLINE_CAPITALISED_SHARE = 0.75
HEADLINE_MIN_WORDS = 3
# A dateline word is written in capitals and is longer than most acronyms (FBI, NATO, CNN).
DATELINE_MIN_LETTERS = 5

_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
# After a name: no more letters, though a possessive may follow ("Donald Trump’s claim" writes the name;
# "O'Neil" does not write "O").
_NAME_END = r"(?!\w)(?![’'](?!s\b)\w)"


_NOT_BEFORE_NAME = re.compile(r"[\w’']")
_AFTER_NAME = re.compile(_NAME_END)
_WHITE_SPACE = re.compile(r"\s+")


def one_space(text: str) -> str:
    """The text with each run of white space made one space, for `writes`."""
    return _WHITE_SPACE.sub(" ", text)


def writes(spaced: str, words: list[str]) -> bool:
    """Whether the text (as `one_space` gives it) writes the words as one name: whole words, white space
    between them. A plain search, not a regular expression per name (compiling one per name of every
    article cost more than the rest of the speaker stage)."""
    name = " ".join(words)
    at = spaced.find(name)
    while at != -1:
        if (at == 0 or not _NOT_BEFORE_NAME.match(spaced, at - 1)) and _AFTER_NAME.match(spaced, at + len(name)):
            return True
        at = spaced.find(name, at + 1)
    return False


def is_headline_line(line: str) -> bool:
    """'Ben Carson Defends His West Point Story', 'FIX IS IN: PBS Moderators Ignore Clinton Scandals'."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _TITLE_CASE_SMALL]
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= HEADLINE_CAPITALISED_SHARE * len(words)


def headline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every headline line of the text."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if is_headline_line(line):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


class NameChecker:
    """Cleans candidate speaker names of one article against its body text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.headlines = headline_spans(text)
        self._written: dict[str, bool] = {}  # name -> written in the text (asked once per name)
        self._cleaned: dict[str, str] = {}  # name -> its clean form: each entity's name is asked for again and again

    @cached_property
    def body(self) -> str:
        """The text with its headline lines blanked out (offsets kept)."""
        chars = list(self.text)
        for start, end in self.headlines:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

    def in_headline(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.headlines)

    def written(self, name: str) -> bool:
        """Does the article write this name, as whole words, anywhere (headlines too)?"""
        if name not in self._written:
            words = name.split()
            self._written[name] = bool(words) and writes(self._spaced_text, words)
        return self._written[name]

    @cached_property
    def _spaced_text(self) -> str:
        return one_space(self.text)

    @cached_property
    def _spaced_body(self) -> str:
        return one_space(self.body)

    def _in_body(self, words: list[str]) -> bool:
        return writes(self._spaced_body, words)

    def clean_at(self, name: str, start: int) -> str:
        """`clean`, and for a name written in a headline line, cut before the headline's verb: spaCy reads
        "Trump Says He Never ..." or "Leadership Announces Dissolution Of ..." as one name."""
        if self.in_headline(start):
            name = headline_name(name)
        return self.clean(name)

    def clean(self, name: str) -> str:
        """The part of `name` that is a name: one line of it, no trailing dateline, and no more words
        than the body text writes ("Glenn Beck Blasts Drudge" -> "Glenn Beck" when the body has it)."""
        if name not in self._cleaned:
            self._cleaned[name] = self._clean(name)
        return self._cleaned[name]

    def _clean(self, name: str) -> str:
        name = _POSSESSIVE_END.sub("", name)  # "Donald Trump‘s" (a mistyped apostrophe the tokenizer kept)
        if "\n" in name:  # "13\nZoe Saldana", "Donald Trump\nMANCHESTER": the line with most name words
            lines = [line.strip() for line in name.split("\n") if line.strip()]
            if lines:
                name = max(reversed(lines), key=lambda line: sum(1 for w in line.split() if w[:1].isupper()))
        words = name.split()
        while len(words) > 1 and _dateline_word(words[-1]) and not all(w.isupper() for w in words[:-1]):
            words.pop()
        while len(words) > 1 and _dateline_word(words[0]) and not all(w.isupper() for w in words[1:]):
            words.pop(0)
        if len(words) > 1 and not self._in_body(words):
            # The longest start of it the body writes; a single word only for a two-word name.
            for cut in range(len(words) - 1, 0 if len(words) == 2 else 1, -1):
                if self._in_body(words[:cut]) and words[cut - 1][:1].isupper():
                    words = words[:cut]
                    break
        return " ".join(words)


_POSSESSIVE_END = re.compile(r"(?<=\w)['’‘]s?$")


def _dateline_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= DATELINE_MIN_LETTERS and all(c.isupper() for c in letters)


# Auxiliaries and modals of a headline's verb phrase ("Trump Would Put ...", "Trump May Not Have ...");
# "may", "will" and "can" are left out: they are names too (Theresa May, Will Hurd).
HEADLINE_AUXILIARIES = {"would", "could", "should", "might", "must", "does", "did", "has", "had", "is", "are",
                        "was", "were", "to"}


def headline_name(name: str) -> str:
    """The words of a headline's name before its verb: a cue verb in the third person or the past ("Says",
    "Announces", "Suggested") or an auxiliary, when it is not the name's last word ("Consumer Reports"
    stays whole; a two-word fragment is left to the body-text check of `clean`)."""
    verbs = load_cues().verbs
    words = name.split()
    for i, word in enumerate(words[1:-1], start=1):
        lower = word.lower()
        if lower in HEADLINE_AUXILIARIES or any(
                lower in (lemma + "s", lemma + "es", lemma + "ed", lemma + "d") for lemma in _stems(lower, verbs)):
            return " ".join(words[:i])
    return name


def _stems(word: str, verbs: dict) -> list[str]:
    """The cue lemmas `word` may be an inflection of ("announces" -> "announce", "says" -> "say")."""
    return [stem for stem in (word[:-1], word[:-2], word[:-3]) if stem in verbs]
