"""Offline language identification (py3langid ships its model in the package)."""

from __future__ import annotations


def detect_language(text: str) -> str:
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return lang
