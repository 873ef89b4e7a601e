"""Lesson 06 · MLP from scratch: references, known mistakes and hints for its exercises."""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import Hints, Mistake, Verdict, call, check_cases, describe, fmt, numbers, shape_advice

HINTS = {
    "glorot_uniform": Hints(
        "Glorot uniform draws every weight evenly from an interval around 0 whose width "
        "shrinks as the layer gets more inputs and outputs; draw from the rng you are given",
        "limit = np.sqrt(6 / (fan_in + fan_out)); return "
        "rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32).",
    ),
    "one_hot_digits": Hints(
        "each label becomes a row of 10 numbers, one per digit: 1 in the column of its digit, "
        "0 everywhere else, even when some digits never appear in labels",
        "encoded = np.zeros((len(labels), 10), dtype=np.float32); "
        "encoded[np.arange(len(labels)), labels] = 1.",
    ),
    "predict_digit": Hints(
        "treat the image exactly as the training images were treated (shape and pixel "
        "scale), run the forward pass and softmax; the prediction is the most probable digit",
        "x = image.reshape(1, 784).astype(np.float32) / 255; p = softmax(relu(x @ W1 + b1) "
        "@ W2 + b2)[0]; return int(np.argmax(p)), float(p.max()).",
    ),
}


# --- Exercise 1 ---------------------------------------------------------------------------


def glorot_uniform(function: Any) -> Verdict:
    """``glorot_uniform(fan_in, fan_out, rng)``: Keras's default kernel initialiser."""
    name, hints = "glorot_uniform", HINTS["glorot_uniform"]
    for fan_in, fan_out in ((784, 128), (128, 10), (30, 300)):
        shown = f"{name}({fan_in}, {fan_out}, rng)"
        result, verdict = call(function, (fan_in, fan_out, np.random.default_rng(6)), name=name,
                               hint=hints.idea)
        if verdict is not None:
            return verdict
        weights = numbers(result)
        if result is None or weights is None:
            return Verdict.wrong(
                f"{shown} returned {describe(result)}" + (
                    ". Did you forget `return`?" if result is None else "; expected an array "
                    "of numbers"), None if result is None else hints.idea,
                mistake="no_return" if result is None else "not_numbers")
        limit = np.sqrt(6 / (fan_in + fan_out))
        if weights.shape != (fan_in, fan_out):
            return Verdict.wrong(
                f"{shown} returned shape {weights.shape}; expected ({fan_in}, {fan_out})"
                + shape_advice(weights.shape, (fan_in, fan_out)),
                "one row per input and one column per unit, like a Keras Dense kernel: "
                "size=(fan_in, fan_out)", mistake="shape")
        if not np.all(np.isfinite(weights)):
            return Verdict.wrong(f"{shown} contains NaN or infinite values", hints.idea,
                                 mistake="not_finite")
        largest, spread = float(np.abs(weights).max()), float(weights.std())
        if largest > limit * (1 + 1e-6):
            return Verdict.wrong(
                f"{shown} has a weight of size {fmt(largest)}, beyond the limit ±{fmt(limit)}",
                "Glorot *uniform* draws evenly between −limit and +limit, never beyond: a "
                "uniform distribution, not a normal one", mistake="beyond_limit")
        expected_spread = limit / np.sqrt(3)  # the standard deviation of U(-limit, limit)
        if abs(spread / expected_spread - 1) > 0.05 or largest < 0.9 * limit:
            return Verdict.wrong(
                f"{shown} has standard deviation {fmt(spread)}; expected about "
                f"{fmt(expected_spread)} (values spread evenly over ±{fmt(limit)})",
                hints.idea, mistake="spread")
        if abs(float(weights.mean())) > 0.05 * limit:
            return Verdict.wrong(f"{shown} has mean {fmt(weights.mean())}; expected about 0",
                                 "the interval is symmetric around 0: from −limit to +limit",
                                 mistake="not_centred")
        if weights.dtype != np.float32:
            return Verdict.wrong(
                f"{shown} is right but has dtype {weights.dtype}; expected float32",
                "end with .astype(np.float32): the network trains in float32", mistake="dtype")
        again, _ = call(function, (fan_in, fan_out, np.random.default_rng(6)), name=name)
        other, _ = call(function, (fan_in, fan_out, np.random.default_rng(7)), name=name)
        again, other = numbers(again), numbers(other)
        if (again is None or again.shape != weights.shape or not np.array_equal(again, weights)
                or other is None or other.shape != weights.shape
                or np.array_equal(other, weights)):
            return Verdict.wrong(
                f"{name} does not follow the rng it is given: the same seed should give the "
                "same weights, and another seed other weights",
                "draw the numbers from the rng argument (rng.uniform), not from np.random or "
                "a generator of your own, so that one seed makes the lesson repeatable",
                mistake="own_rng")
    return Verdict.ok(f"{name} is correct on 3 layer sizes.")


# --- Exercise 2 ---------------------------------------------------------------------------

ONE_HOT_CASES = [(np.array([3, 0, 9]),), (np.array([7]),), (np.arange(10),),
                 (np.array([5, 5, 1, 2, 2, 8]),)]
ONE_HOT_MISTAKES = [
    Mistake("columns_from_labels", lambda labels: np.eye(labels.max() + 1)[labels],
            "there are always 10 columns, one per digit, even when some digits are missing "
            "from labels"),
    Mistake("transposed", lambda labels: np.eye(10)[labels].T,
            "one row per label and one column per digit: shape (len(labels), 10)"),
]


def one_hot_digits(function: Any) -> Verdict:
    """``one_hot_digits(labels)`` returns (n, 10) float32 one-hot rows."""
    name = "one_hot_digits"
    verdict = check_cases(function, lambda labels: np.eye(10)[labels], ONE_HOT_CASES, name=name,
                          hints=HINTS[name], mistakes=ONE_HOT_MISTAKES)
    if not verdict.passed:
        return verdict
    result, _ = call(function, ONE_HOT_CASES[0], name=name)
    if np.asarray(result).dtype != np.float32:
        return Verdict.wrong(
            f"{name} has the right values but dtype {np.asarray(result).dtype}; expected float32",
            "the lesson keeps its arrays float32 (half the memory of float64): create the "
            "array with dtype=np.float32, or end with .astype(np.float32)", mistake="dtype")
    return verdict


# --- Exercise 3 ---------------------------------------------------------------------------


def probabilities(image: Any, W1: Any, b1: Any, W2: Any, b2: Any, scale: float = 255.0) -> Any:
    x = image.reshape(1, 784).astype(np.float64) / scale
    logits = np.maximum(x @ W1 + b1, 0) @ W2 + b2
    exps = np.exp(logits - logits.max())
    return (exps / exps.sum()).reshape(10)


def _prediction(p: Any) -> tuple[int, float]:
    return int(np.argmax(p)), float(np.max(p))


def _logits(image: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    return (np.maximum(image.reshape(1, 784) / 255.0 @ W1 + b1, 0) @ W2 + b2).reshape(10)


def _cases() -> list[tuple[np.ndarray, ...]]:
    rng = np.random.default_rng(63)  # a seed whose three images get three different digits
    weights = (
        (rng.normal(size=(784, 128)) * np.sqrt(2 / 784)).astype(np.float32),
        (rng.normal(size=128) * 0.1).astype(np.float32),
        (rng.normal(size=(128, 10)) * np.sqrt(2 / 128)).astype(np.float32),
        (rng.normal(size=10) * 0.1).astype(np.float32),
    )
    cases = []
    for top, left in ((2, 4), (8, 10), (4, 0)):
        image = np.zeros((28, 28), dtype=np.uint8)
        image[top : top + 18, left : left + 16] = rng.integers(0, 256, size=(18, 16),
                                                                dtype=np.uint8)
        cases.append((image, *weights))
    return cases


PREDICT_CASES = _cases()
PREDICT_MISTAKES = [
    Mistake("softmax_wrong_axis", lambda *args: (0, 1.0),
            "softmax must share the probability among the 10 digits of the image: normalise "
            "along the axis of the 10 outputs (with shape (1, 10), that is axis 1 or -1)"),
    Mistake("not_scaled", lambda *args: _prediction(probabilities(*args, scale=1.0)),
            "a probability of almost exactly 1 usually means unscaled pixels: the network was "
            "trained on pixels scaled to [0, 1], so scale the image the same way first"),
    Mistake("no_softmax", lambda *args: _prediction(_logits(*args)),
            "that is the largest logit, a score; softmax turns the scores into probabilities"),
    Mistake("least_likely", lambda *args: (int(np.argmin(probabilities(*args))),
                                           float(np.min(probabilities(*args)))),
            "the prediction is the digit with the LARGEST probability"),
]


def predict_digit(function: Any) -> Verdict:
    """``predict_digit(image, W1, b1, W2, b2)`` → (digit, probability)."""
    return check_cases(
        function, lambda *args: _prediction(probabilities(*args)), PREDICT_CASES,
        name="predict_digit", hints=HINTS["predict_digit"], mistakes=PREDICT_MISTAKES,
        rtol=1e-4, atol=1e-6, show=lambda args: "predict_digit(a 28×28 image, W1, b1, W2, b2)",
        parts=("digit", "probability"), success="predict_digit is correct on 3 test images.",
    )
