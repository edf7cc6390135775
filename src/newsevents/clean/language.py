"""Offline language identification (py3langid ships its model in the package).

langid is unreliable on a line or two (news headlines full of names) and on tables of names
and scores, and a mistake there means an English article silently loses all its extraction.
So a text langid is only guessing about, or a low-confidence one where English is a close
second or whose words are largely English function words, counts as English.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_PROBABILITY = 0.90  # below this langid is unsure; English is taken if it is a close candidate
GUESS_PROBABILITY = 0.50  # below this langid is guessing (tables of names and scores): keep English
SAMPLE_CHARS = 2000  # enough to tell a language; langid costs time in proportion
ENGLISH_SHARE = 0.12  # share of English function words that makes a text English
# Above this share no langid is needed: English news runs at 0.20-0.50 (median 0.33), other languages
# that share a few of the words ("in", "is", "was", "an" in German and Dutch) stay well below it.
CERTAINLY_ENGLISH = 0.25

_WORD = re.compile(r"[^\W\d_]+")
# Frequent English function words that are rarely words in other languages.
_ENGLISH = frozenset(
    "the of and to in is was for on that with by from at as it its be are were has have had "
    "said says will would not but this which who after over their they he she his her an "
    "been more than about into against could should there also".split()
)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def english_share(words: list[str]) -> float:
    return sum(w.lower() in _ENGLISH for w in words) / len(words) if words else 0.0


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en' for texts too short to tell)."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if len(words) < 3:
        return "en"
    share = english_share(words)
    if share >= CERTAINLY_ENGLISH:  # most English articles: langid's model is never loaded for them
        return "en"
    ranking = _identifier().rank(sample)
    lang, probability = ranking[0]
    if lang == "en" or probability < GUESS_PROBABILITY:
        return "en"
    close = any(code == "en" for code, _p in ranking[1:3])
    if probability < MIN_PROBABILITY and (close or share >= ENGLISH_SHARE):
        return "en"
    return lang
