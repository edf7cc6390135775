"""The role model, trained listwise: a conditional logit over each role's options.

For one role of one coded event, the options (the rules' filler, the other actor phrases of the
sentence, or none) compete in a softmax, and training raises the share of the right ones. A
pointwise classifier scores each option alone, so its probabilities do not compare options of the
same sentence well: an object scored 0.54 lost to the rules' 0.39 "no target" by the margin.
Measured out of fold on the coded news (train/events.py), the listwise choice picks a right target
more often. The fitted model is a LinearModel with one column: its scores are turned into option
probabilities per role by a softmax (extract/event_decision.py `option_probabilities`).
"""

from __future__ import annotations

from typing import Any

from newsevents.extract.event_decision import LinearModel


def fit_ranker(groups: list[list[dict[str, Any]]], rights: list[list[bool]], c: float = 0.5) -> LinearModel:
    """Weights maximising the log of the right options' softmax share in each group, with an L2
    penalty of 1/(2c) (c as scikit-learn's C). Groups with no right option teach nothing and are
    left out. Deterministic: L-BFGS from zero weights."""
    import numpy as np
    from scipy.optimize import minimize
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.preprocessing import MaxAbsScaler

    kept = [(g, r) for g, r in zip(groups, rights) if any(r) and g]
    rows = [row for g, _ in kept for row in g]
    right = np.array([float(x) for _, r in kept for x in r])
    sizes = [len(g) for g, _ in kept]
    starts = np.cumsum([0, *sizes[:-1]])
    member = np.repeat(np.arange(len(kept)), sizes)
    vectorizer = DictVectorizer()
    scaler = MaxAbsScaler()
    x = scaler.fit_transform(vectorizer.fit_transform(rows)).tocsr()

    def loss_and_gradient(w: Any) -> tuple[float, Any]:
        s = x @ w
        p = np.exp(s - np.maximum.reduceat(s, starts)[member])
        total = np.add.reduceat(p, starts)
        right_p = p * right
        right_total = np.add.reduceat(right_p, starts)
        loss = float(np.sum(np.log(total) - np.log(right_total)) + 0.5 * w @ w / c)
        gradient_s = p / total[member] - right_p / right_total[member]
        return loss, x.T @ gradient_s + w / c

    w = minimize(loss_and_gradient, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B",
                 options={"maxiter": 1000}).x
    index = {str(name): int(at) for name, at in vectorizer.vocabulary_.items()}
    weights = (w / scaler.scale_).reshape(-1, 1)
    return LinearModel([False, True], index, weights, np.zeros(1))
