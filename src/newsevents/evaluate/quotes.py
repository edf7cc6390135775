"""Quote extraction against PolNeAR (political news, every attribution annotated in brat).

    newsevents evaluate quotes [--gold DIR] [--limit N] [--json FILE]

Gold: `DIR/attributions/*.ann` and `DIR/text/*.txt`. An article may carry several annotators'
`.ann` files (the suffix after the last `_`); we score against ONE annotator per article, the
first in sorted file-name order, so the choice is fixed and reproducible.

Metrics
- content P/R/F1: a predicted quote matches a gold attribution when the characters they share
  are at least half of the shorter of the two (gold Content may be discontinuous: its fragments
  count, not the gaps). Matching is one-to-one, greedy by the best overlap: the pair whose shared
  characters are the largest share of the two spans together (their union) goes first, then the one
  sharing more characters. PolNeAR nests attributions ("X said, according to CNN": X's words inside
  CNN's report of them), so a quote of X's words shares all its characters with both; counting the
  shared characters alone tied the two and the order of the gold file chose. The tighter match is
  the attribution the quote is.
- speaker accuracy on matched quotes whose gold attribution has a Source. A speaker is right when
  (a) our speaker mention span (speaker_start/end) overlaps the gold Source span, or
  (b) our canonical speaker contains the head word (last word) of the gold Source text, unless
  that word is a pronoun or a common word (a gold "he" counts only through (a)).
  Gold attributions without a Source are left out of the speaker accuracy.
- speaker accuracy, strict (`speaker.strict_accuracy`), over the same matched attributions with a
  gold Source. Our speaker is the canonical `speaker`, or the mention (`speaker_text`) when a pronoun
  stayed unresolved (a quote with neither is wrong). It is right when
  (a) its last word equals the last word of the gold Source span, of one of the span's comma-separated
  parts, or of the span's (or a part's) words before any post-modifier ("of", "in", "at", "from", "for",
  "with", "who", "which", "that"): "Flynn, a top Trump surrogate," -> flynn or surrogate;
  a bracketed aside is not a word: "Sen. Bernie Sanders (I-Vt.)" -> sanders;
  "the director of the FBI" -> fbi or director; or
  (b) the gold Source is a pronoun and our speaker is a name (capitalised, not a pronoun) written in
  the article before the gold Source.
  No span overlap counts here: "statement" for a statement whose author the text names is wrong.
- speaker recall over all gold attributions with a Source (matched and right / all), for context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.evaluate import prf

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "quotes" / "polnear" / "dev"

# Possessives are pronouns too: PolNeAR marks "his" as the source of "his claim that ...".
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "him", "her", "them",
            "this", "those", "these", "some", "others", "many", "one", "his", "its", "their", "our", "my", "your"}


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""
    cue_text: str = ""


def _spans(field_text: str) -> list[tuple[int, int]]:
    spans = []
    for part in field_text.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions with a Content span of one brat `.ann` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _spans(offsets), parts[2] if len(parts) > 2 else "")
            except ValueError:
                continue
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) > 1:
                relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    gold = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        cue = spans.get(rel.get("Cue", ""))
        gold.append(GoldAttribution(
            content=content[1], source=source[1] if source else [], source_text=source[2] if source else "",
            cue_text=cue[2] if cue else "",
        ))
    return gold


def gold_articles(gold: Path, limit: int | None = None) -> list[tuple[str, Path, Path]]:
    """(name, text path, ann path) per article, with the first annotator in sorted order."""
    text_dir, ann_dir = gold / "text", gold / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ValueError(f"{gold} has no text/ and attributions/ folders (PolNeAR layout)")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    articles = [(name, text_dir / f"{name}.txt", ann) for name, ann in sorted(chosen.items())
                if (text_dir / f"{name}.txt").exists()]
    return articles[:limit] if limit else articles


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def content_matches(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> int:
    """The shared characters when they reach half of the shorter span, else 0."""
    shared = _overlap(pred, gold)
    shorter = min(_length(pred), _length(gold))
    return shared if shorter and shared * 2 >= shorter else 0


def _head_word(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text)  # "Kristen Gillibrand (D-NY)" -> the name
    words = re.findall(r"[\w’'-]+", text.lower())
    # "Flynn, a top Trump surrogate," -> the name before the apposition.
    first_part = re.split(r",", text.lower())[0]
    head = re.findall(r"[\w’'-]+", first_part)
    word = (head or words or [""])[-1]
    return re.sub(r"(’s|'s)$", "", word)


def speaker_right(quote: dict[str, Any], gold: GoldAttribution) -> bool:
    start, end = quote.get("speaker_start"), quote.get("speaker_end")
    if start is not None and end is not None and _overlap([(start, end)], gold.source) > 0:
        return True
    head = _head_word(gold.source_text)
    if not head or head in PRONOUNS or len(head) < 3:
        return False
    speaker = (quote.get("speaker") or "").lower()
    return bool(re.search(rf"\b{re.escape(head)}\b", speaker))


# Words that start a post-modifier of the head noun: "the director of the FBI", "a man who ...".
POST_MODIFIERS = ("of", "in", "at", "from", "for", "with", "who", "which", "that")


def _words(text: str) -> list[str]:
    """Lower-case words without possessive endings; a bracketed aside is no word of a name: the last
    word of "Sen. Bernie Sanders (I-Vt.)" is "sanders"."""
    text = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text)
    words = re.findall(r"[\w’'-]+", text.lower())
    return [w for w in (re.sub(r"(’s|'s)$", "", w).strip("'’-") for w in words) if w]


def gold_head_words(source_text: str) -> set[str]:
    """The last words the strict rule accepts for a gold Source span: of the span, of each of its
    comma-separated parts, and of the span or part cut before a post-modifier (any of them: in
    "4 in 10 voters in each state" the head is before the second "in")."""
    heads: set[str] = set()
    for part in [source_text, *source_text.split(",")]:
        words = _words(part)
        if not words:
            continue
        heads.add(words[-1])
        heads.update(words[i - 1] for i, word in enumerate(words) if word in POST_MODIFIERS and i > 0)
    return heads


def speaker_right_strict(quote: dict[str, Any], gold: GoldAttribution, text: str) -> bool:
    """The strict rule (see the module docstring)."""
    speaker = (quote.get("speaker") or quote.get("speaker_text") or "").strip()
    words = _words(speaker)
    if not words:
        return False
    if words[-1] in gold_head_words(gold.source_text):
        return True
    gold_words = _words(gold.source_text)
    if len(gold_words) == 1 and gold_words[0] in PRONOUNS and gold.source:
        is_name = speaker[0].isupper() and speaker.lower() not in PRONOUNS
        return is_name and speaker in text[: gold.source[0][0]]
    return False


def score_article(quotes: list[dict[str, Any]], gold: list[GoldAttribution], text: str = "") -> dict[str, Any]:
    pairs = []
    for qi, quote in enumerate(quotes):
        pred = [(quote["start"], quote["end"])]
        for gi, attribution in enumerate(gold):
            shared = content_matches(pred, attribution.content)
            if shared:
                union = _length(pred) + _length(attribution.content) - shared
                pairs.append((shared / union, shared, qi, gi))
    pairs.sort(key=lambda pair: (-pair[0], -pair[1], pair[2], pair[3]))
    used_q: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, _, qi, gi in pairs:
        if qi in used_q or gi in used_g:
            continue
        used_q.add(qi)
        used_g.add(gi)
        matched.append((qi, gi))
    with_source = [(qi, gi) for qi, gi in matched if gold[gi].source]
    right = [(qi, gi) for qi, gi in with_source if speaker_right(quotes[qi], gold[gi])]
    strict = [(qi, gi) for qi, gi in with_source if speaker_right_strict(quotes[qi], gold[gi], text)]
    return {
        "tp": len(matched), "fp": len(quotes) - len(matched), "fn": len(gold) - len(matched),
        "speaker_total": len(with_source), "speaker_right": len(right), "speaker_right_strict": len(strict),
        "gold_with_source": sum(1 for g in gold if g.source),
        "missed": [gi for gi in range(len(gold)) if gi not in used_g],
        "spurious": [qi for qi in range(len(quotes)) if qi not in used_q],
        "wrong_speaker": [(qi, gi) for qi, gi in with_source if (qi, gi) not in strict],
    }


def extract_article_quotes(pipeline: Any, article: Any, doc: Any, failures: dict[str, int]) -> list[dict]:
    """The pipeline's stages up to quotes on one parsed article (later stages cannot change quotes).

    A stage that fails leaves its records empty and is counted, so that a bug elsewhere shows up
    in `stage_failures` instead of silently zeroing the quotes of the article.
    """
    from newsevents.context import ArticleContext
    from newsevents.pipeline import STAGES

    ctx = ArticleContext(article=article, doc=doc, options=dict(pipeline.options))
    for name, extractor in STAGES:
        try:
            setattr(ctx, name, extractor(ctx))
        except Exception:  # noqa: BLE001 - counted and reported
            failures[name] = failures.get(name, 0) + 1
        if name == "quotes":
            break
    return [q.__dict__ for q in ctx.quotes]


def run(gold: Path, limit: int | None = None, **options: Any) -> dict:
    from newsevents.model import Document
    from newsevents.pipeline import Pipeline

    articles = gold_articles(gold, limit)
    if not articles:
        raise ValueError(f"no PolNeAR articles under {gold}")
    verbose = options.pop("verbose", False)
    pipeline = Pipeline(options=options)
    prepared = [pipeline.prepare(Document(id=name, text=text.read_text(encoding="utf-8"), raw=True))
                for name, text, _ in articles]
    totals = {"tp": 0, "fp": 0, "fn": 0, "speaker_total": 0, "speaker_right": 0, "speaker_right_strict": 0,
              "gold_with_source": 0}
    by_kind: dict[str, int] = {}
    failures: dict[str, int] = {}
    docs = pipeline.nlp.pipe((a.text for a in prepared), batch_size=pipeline.batch_size)
    for (name, _, ann), article, doc in zip(articles, prepared, docs):
        gold_list = read_ann(ann)
        quotes = extract_article_quotes(pipeline, article, doc, failures)
        scores = score_article(quotes, gold_list, article.text)
        for key in totals:
            totals[key] += scores[key]
        for q in quotes:
            by_kind[q["kind"]] = by_kind.get(q["kind"], 0) + 1
        if verbose:
            _print_errors(name, article.text, quotes, gold_list, scores)
    content = prf(totals["tp"], totals["fp"], totals["fn"])
    speaker_accuracy = totals["speaker_right"] / totals["speaker_total"] if totals["speaker_total"] else 0.0
    return {
        "gold": str(gold),
        "articles": len(articles),
        "annotator": "first .ann in sorted file-name order per article",
        "content": content,
        "speaker": {
            "accuracy": round(speaker_accuracy, 4),
            "right": totals["speaker_right"],
            "strict_accuracy": round(totals["speaker_right_strict"] / totals["speaker_total"], 4)
            if totals["speaker_total"] else 0.0,
            "strict_right": totals["speaker_right_strict"],
            "matched_with_source": totals["speaker_total"],
            "recall": round(totals["speaker_right"] / totals["gold_with_source"], 4)
            if totals["gold_with_source"] else 0.0,
        },
        "predicted_by_kind": by_kind,
        "stage_failures": failures,
    }


def _print_errors(name: str, text: str, quotes: list[dict], gold: list[GoldAttribution],
                  scores: dict[str, Any]) -> None:
    def snip(s: int, e: int) -> str:
        return text[s:e].replace("\n", " ")[:120]

    print(f"## {name}")
    for gi in scores["missed"]:
        g = gold[gi]
        print(f"  MISS  [{g.cue_text}] {g.source_text!r}: {snip(g.content[0][0], g.content[-1][1])}")
    for qi in scores["spurious"]:
        q = quotes[qi]
        print(f"  FALSE [{q['cue']}] {q['speaker_text']!r}: {snip(q['start'], q['end'])}")
    for qi, gi in scores["wrong_speaker"]:
        q, g = quotes[qi], gold[gi]
        print(f"  SPKR  [{q['cue']}] ours {q['speaker_text']!r}/{q['speaker']!r} gold {g.source_text!r}: "
              f"{snip(q['start'], q['end'])}")
