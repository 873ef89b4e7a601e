"""Lesson 03 · losses: references, known mistakes and hints for its three exercises."""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import Hints, Mistake, Verdict, check_cases

HINTS = {
    "mean_absolute_error": Hints(
        "each prediction's error counts by its size, whatever its direction, and the loss is "
        "the average of those sizes over every entry",
        "return np.mean(np.abs(y_true - y_pred)).",
    ),
    "binary_cross_entropy_clipped": Hints(
        "log(0) is −inf: before taking logs, keep every p at least epsilon away from 0 and "
        "from 1, with the epsilon you are given",
        "p = np.clip(p, epsilon, 1 - epsilon); then return "
        "-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).",
    ),
    "binary_cross_entropy_from_logits": Hints(
        "don't go through probabilities: σ(z) rounds to exactly 0 or 1 for |z| near 1000. "
        "Write the loss directly in terms of z, with a function that never overflows",
        "average log(1 + e^z) − y·z over every entry, writing log(1 + e^z) as "
        "np.logaddexp(0, logits).",
    ),
}


# --- Exercise 1 ---------------------------------------------------------------------------


def _mae(y_true: Any, y_pred: Any) -> float:
    return float(np.mean(np.abs(y_true - y_pred)))


MAE_CASES = [
    (np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])),
    # Every prediction too high: a missing abs() gives a negative "error".
    (np.array([1.0, 2.0]), np.array([3.0, 5.0])),
    (np.array([[0.0, 1.0, 2.0], [4.0, -2.0, 1.0]]), np.array([[0.5, 1.0, 0.0], [1.0, -1.0, 1.5]])),
]
MAE_MISTAKES = [
    Mistake("no_abs", lambda t, p: float(np.mean(t - p)),
            "errors of −2 and +2 should not cancel out: take each error's size first"),
    Mistake("no_abs_reversed", lambda t, p: float(np.mean(p - t)),
            "errors of −2 and +2 should not cancel out: take each error's size first"),
    Mistake("squared", lambda t, p: float(np.mean((t - p) ** 2)),
            "that is the mean squared error; the absolute error does not square"),
    Mistake("summed", lambda t, p: float(np.sum(np.abs(t - p))),
            "average the errors (a mean), rather than adding them up"),
    Mistake("last_axis", lambda t, p: np.mean(np.abs(t - p), axis=-1),
            "the loss is one number: average over every entry, not along one axis"),
]


def mean_absolute_error(function: Any) -> Verdict:
    """``mean_absolute_error(y_true, y_pred)``: the mean of |y_true − y_pred|, as Keras gives it."""
    return check_cases(function, _mae, MAE_CASES, name="mean_absolute_error",
                       hints=HINTS["mean_absolute_error"], mistakes=MAE_MISTAKES)


# --- Exercise 2 ---------------------------------------------------------------------------


def _bce(y_true: Any, p: Any, epsilon: float = 1e-7) -> float:
    p = np.clip(p, epsilon, 1 - epsilon)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def _unclipped(y_true: Any, p: Any, epsilon: float = 1e-7) -> float:
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


BCE_CASES = [
    (np.array([1.0, 0.0, 1.0, 1.0]), np.array([0.9, 0.2, 0.6, 0.99])),
    # Certain and wrong (label 1, p = 0), and certain and right (label 0, p = 0).
    (np.array([1.0, 0.0]), np.array([0.0, 0.0])),
    # Another epsilon: a hard-coded 1e-7 gives a different loss.
    (np.array([0.0, 1.0, 1.0]), np.array([1.0, 1.0, 0.5]), 1e-3),
]
BCE_MISTAKES = [
    Mistake("lower_end_only", lambda t, p, epsilon=1e-7: _unclipped(t, np.clip(p, epsilon, 1)),
            "clip both ends: log(1 − p) is −inf when p = 1"),
    Mistake("not_clipped", _unclipped,
            "np.log(0) is −inf: clip p into [epsilon, 1 − epsilon] before taking logs"),
    Mistake("fixed_epsilon", lambda t, p, epsilon=1e-7: _bce(t, p, 1e-7),
            "use the epsilon argument you are given, not a fixed number"),
    Mistake("no_minus", lambda t, p, epsilon=1e-7: -_bce(t, p, epsilon),
            "a loss is never negative: the logs of probabilities are ≤ 0, so the formula "
            "starts with a minus sign"),
    Mistake("summed", lambda t, p, epsilon=1e-7: _bce(t, p, epsilon) * len(t),
            "average over the examples (a mean), rather than adding them up"),
]


def binary_cross_entropy_clipped(function: Any) -> Verdict:
    """``binary_cross_entropy_clipped(y_true, p, epsilon=1e-7)``: BCE with p clipped first."""
    return check_cases(function, _bce, BCE_CASES, name="binary_cross_entropy_clipped",
                       hints=HINTS["binary_cross_entropy_clipped"], mistakes=BCE_MISTAKES)


# --- Exercise 3 ---------------------------------------------------------------------------


def _from_logits(y_true: Any, logits: Any) -> float:
    return float(np.mean(np.logaddexp(0, logits) - y_true * logits))


def _through_sigmoid(y_true: Any, logits: Any) -> float:
    p = 1 / (1 + np.exp(-logits))
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


LOGITS_CASES = [
    (np.array([1.0, 0.0, 1.0, 0.0]), np.array([2.0, -1.0, -1000.0, 1000.0])),
    (np.array([1.0, 0.0, 0.0]), np.array([0.5, 0.0, -3.0])),
    (np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[800.0, -2.0], [1.5, -800.0]])),
]
LOGITS_MISTAKES = [
    Mistake("overflow", _through_sigmoid,
            "a logit of ±1000 overflows: e^1000 is inf, and σ(z) becomes exactly 0 or 1, so a "
            "log gives −inf. Write the loss in terms of z with a function that never overflows"),
    Mistake("last_axis", lambda t, z: np.mean(np.logaddexp(0, z) - t * z, axis=-1),
            "the loss is one number: average over every entry, not along one axis"),
    Mistake("plus_yz", lambda t, z: float(np.mean(np.logaddexp(0, z) + t * z)),
            "the y·z term is subtracted"),
    Mistake("summed", lambda t, z: float(np.sum(np.logaddexp(0, z) - t * z)),
            "average over the examples (a mean), rather than adding them up"),
]


def binary_cross_entropy_from_logits(function: Any) -> Verdict:
    """``binary_cross_entropy_from_logits(y_true, logits)``: finite even for logits of ±1000."""
    return check_cases(function, _from_logits, LOGITS_CASES,
                       name="binary_cross_entropy_from_logits",
                       hints=HINTS["binary_cross_entropy_from_logits"], mistakes=LOGITS_MISTAKES)
