"""Actor coding on the PLOVER gold standard records: the source and target actor texts of each record
are coded with `code_span` in their sentence and compared with the gold country code.

    newsevents evaluate actors [--gold PLOVER_GSR_CAMEO.json] [--limit N]

The gold codes are CAMEO's: ISO alpha-3 for countries (with a few old CAMEO codes mapped: JAP -> JPN),
and IGO, NGO, IMG for international actors; ours are country None with sector IGO, NGO or REB for
those, so the prediction compared is `country`, else the international sector. Reports accuracy on
all gold actors, the share we coded at all, accuracy when coded, and the errors.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "events" / "plover_gsr" / \
    "PLOVER_GSR_CAMEO.json"

# Old CAMEO country codes that are not ISO alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "ZAR": "COD", "SER": "SRB", "SUN": "RUS", "GMY": "DEU",
                "YUG": "SRB", "TMP": "TLS", "BUL": "BGR", "UKG": "GBR", "CRO": "HRV", "SLO": "SVN",
                "BOS": "BIH", "MAC": "MKD", "KOS": "XKX", "PAL": "PSE"}
INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB"}


def gold_actors(records: list[dict]) -> list[tuple[str, str, str, str]]:
    """(record id, sentence, actor text, gold code) for every coded source and target."""
    found = []
    for record in records:
        text = record.get("text")
        if not isinstance(text, str):
            continue
        for role in ("source", "target"):
            actors = record.get(role)
            for actor in actors if isinstance(actors, list) else []:
                if isinstance(actor, dict) and actor.get("actorText") and isinstance(actor.get("code"), str):
                    code = actor["code"][:3].upper()
                    found.append((record.get("id", ""), text, actor["actorText"], CAMEO_TO_ISO.get(code, code)))
    return found


def predicted_code(country: str | None, sector: str | None) -> str | None:
    if country:
        return country
    for code, ours in INTERNATIONAL.items():
        if sector == ours:
            return code
    return None


def run(gold: Path, limit: int | None = None, **options: Any) -> dict:
    from newsevents.context import ArticleContext
    from newsevents.extract.entities import extract_entities
    from newsevents.model import Article
    from newsevents.nlp import load_model
    from newsevents.resolve.actors import code_span

    records = json.loads(Path(gold).read_text(encoding="utf-8"))
    actors = gold_actors(records)
    if limit:
        actors = actors[:limit]
    nlp = load_model()
    dictionaries = options.get("actor_dictionaries")
    extra = {"actor_dictionaries": list(dictionaries)} if dictionaries else {}
    contexts: dict[str, ArticleContext] = {}
    correct = coded = 0
    errors: Counter = Counter()
    missing = 0
    for _, text, actor_text, code in actors:
        if text not in contexts:
            ctx = ArticleContext(article=Article(id="gsr", text=text), doc=nlp(text), options=dict(extra))
            ctx.entities = extract_entities(ctx)
            contexts[text] = ctx
        ctx = contexts[text]
        start = text.find(actor_text)
        if start < 0:
            missing += 1
            continue
        span = ctx.doc.char_span(start, start + len(actor_text), alignment_mode="expand")
        if span is None:
            missing += 1
            continue
        actor = code_span(span, ctx)
        guess = predicted_code(actor.country, actor.sector)
        coded += guess is not None
        if guess == code:
            correct += 1
        else:
            errors[f"{actor_text} -> {guess} (gold {code})"] += 1
    total = len(actors) - missing
    return {
        "actors": total,
        "not_found_in_text": missing,
        "accuracy": round(correct / total, 4) if total else 0.0,
        "coded_share": round(coded / total, 4) if total else 0.0,
        "accuracy_when_coded": round(correct / coded, 4) if coded else 0.0,
        "errors": [f"{k} x{v}" if v > 1 else k for k, v in errors.most_common(60)],
    }
