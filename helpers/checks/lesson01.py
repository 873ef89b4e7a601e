"""Lesson 01 · neuron: references, known mistakes and hints for its three exercises."""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import Hints, Mistake, Verdict, call, check_cases, describe, fmt

HINTS = {
    "neuron_output": Hints(
        "a neuron adds up its weighted inputs plus the bias, then passes that sum through "
        "the sigmoid; for a whole batch, one matrix product does every row of X at once",
        "compute z = X @ w + b (one number per row of X, shape (n,)), then return sigmoid(z).",
    ),
    "nand_weights": Hints(
        "write down z = w1·x1 + w2·x2 + b for each of the four inputs and decide its sign: "
        "NAND answers 1 (z ≥ 0) three times and 0 (z < 0) only for (1, 1)",
        "you need b ≥ 0, w1 + b ≥ 0, w2 + b ≥ 0 and w1 + w2 + b < 0: two equal negative "
        "weights and a bias between one and two times their size satisfy all four.",
    ),
    "perceptron_batch_update": Hints(
        "predict every example with the current weights; each example's error (target minus "
        "prediction) pulls the weights towards or away from its input, and the update adds "
        "up all these pulls at once",
        "errors = y - step(X @ w + b); return w + learning_rate * X.T @ errors and "
        "b + learning_rate * errors.sum().",
    ),
}

TRUTH_TABLE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
NAND = np.array([1.0, 1.0, 1.0, 0.0])


def sigmoid(z: Any) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def step(z: Any) -> np.ndarray:
    """The lesson's step function: 1 where z ≥ 0 (so step(0) = 1), else 0."""
    return (np.asarray(z, dtype=float) >= 0).astype(float)


# --- Exercise 1 ---------------------------------------------------------------------------

NEURON_CASES = [
    (np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0], [3.0, -2.0]]), np.array([0.5, -1.5]), -0.25),
    (np.array([[0.5, -1.0, 2.0]]), np.array([0.8, 0.2, -0.5]), 0.1),
    (np.array([[2.0], [-3.0], [0.5]]), np.array([1.5]), 1.0),
]

NEURON_MISTAKES = [
    Mistake("no_bias", lambda X, w, b: sigmoid(X @ w),
            "the bias is missing: add b to the weighted sum before the sigmoid"),
    Mistake("no_activation", lambda X, w, b: X @ w + b,
            "that is z, the weighted sum; the neuron's output is the sigmoid of z"),
    Mistake("step_activation", lambda X, w, b: step(X @ w + b),
            "this exercise uses the sigmoid neuron, not the step function"),
]


def neuron_output(function: Any) -> Verdict:
    """``neuron_output(X, w, b)`` = sigmoid(X @ w + b), one output per row of X."""
    return check_cases(
        function, lambda X, w, b: sigmoid(X @ w + b), NEURON_CASES,
        name="neuron_output", hints=HINTS["neuron_output"], mistakes=NEURON_MISTAKES,
    )


# --- Exercise 2 ---------------------------------------------------------------------------


def nand_weights(function: Any) -> Verdict:
    """``nand_weights()`` returns (w, b) of a step neuron that computes NAND."""
    result, verdict = call(function, (), name="nand_weights", hint=HINTS["nand_weights"].idea)
    if verdict is not None:
        return verdict
    if result is None:
        return Verdict.wrong("nand_weights returned None. Did you forget `return`?",
                             mistake="no_return")
    if not isinstance(result, tuple | list | np.ndarray) or len(result) != 2:
        return Verdict.wrong(
            f"nand_weights returned {describe(result)}; expected a pair (w, b)",
            "end with `return w, b`, where w holds two weights and b is one number",
            mistake="not_a_pair",
        )
    w, b = (_numbers(part) for part in result)
    if w is None or b is None:
        return Verdict.wrong(
            f"nand_weights returned w = {describe(result[0])}, b = {describe(result[1])}; "
            "expected numbers",
            "w could be np.array([w1, w2]) and b a float (numbers, not strings)",
            mistake="not_numbers",
        )
    if w.shape != (2,) or b.shape != ():
        swapped = w.shape == () and b.shape == (2,)
        return Verdict.wrong(
            f"nand_weights returned w of shape {w.shape} and b of shape {b.shape}; expected "
            "w of shape (2,) (one weight per input) and a single number b",
            "the order matters: `return w, b`, weights first, then the bias" if swapped
            else "w could be np.array([w1, w2]) and b a float",
            mistake="swapped" if swapped else "shape",
        )
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        return Verdict.wrong("nand_weights returned NaN or infinite weights",
                             HINTS["nand_weights"].idea, mistake="not_finite")
    z = TRUTH_TABLE @ w + b
    outputs = step(z)
    described = f"w = {fmt(w)}, b = {fmt(b)}"
    if np.array_equal(outputs, NAND):
        return Verdict.ok(f"nand_weights: {described} computes NAND on all 4 inputs.")
    message = (
        f"with {described} the neuron outputs {fmt(outputs.astype(int))} on the inputs "
        f"(0, 0), (0, 1), (1, 0), (1, 1); NAND is {fmt(NAND.astype(int))}"
    )
    if outputs[0] != 1:
        return Verdict.wrong(message, "for input (0, 0) only the bias counts (z = b), and NAND "
                             "must answer 1 there, so b must be 0 or more", mistake="bias_negative")
    if outputs[3] != 0:
        if np.all(w < 0):
            hint = (f"your weights are already negative, but for (1, 1) z = w1 + w2 + b = "
                    f"{fmt(z[3])}, and step gives 1 unless z is below 0 (step(0) = 1). "
                    "Lower b a little, keeping it 0 or more")
            return Verdict.wrong(message, hint, mistake="z_not_below_zero")
        return Verdict.wrong(message, "for (1, 1) NAND answers 0, so z = w1 + w2 + b must be "
                             "below 0: the weights have to pull z down", mistake="weights_up")
    return Verdict.wrong(message, "a single 1 must still give 1: z must stay 0 or more for "
                         "(0, 1) and (1, 0)", mistake="single_one")


def _numbers(value: Any) -> np.ndarray | None:
    if isinstance(value, str | bytes) or value is None:
        return None
    try:
        array = np.asarray(value)
    except Exception:  # a ragged list, for example
        return None
    return array.astype(float) if array.dtype.kind in "biuf" else None


# --- Exercise 3 ---------------------------------------------------------------------------


def batch_update(w: Any, b: float, X: Any, y: Any, learning_rate: float) -> tuple[Any, float]:
    errors = y - step(X @ w + b)
    return w + learning_rate * X.T @ errors, b + learning_rate * float(errors.sum())


UPDATE_CASES = [
    (np.zeros(2), 0.0, TRUTH_TABLE, np.array([0.0, 0.0, 0.0, 1.0]), 0.1),
    (
        np.array([0.5, -1.0, 0.25]), -0.5,
        np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [2.0, 1.0, 0.0], [1.0, 1.0, 1.0],
                  [0.0, 0.0, 4.0]]),
        np.array([0.0, 1.0, 1.0, 0.0, 1.0]), 0.5,
    ),
    # Every example already right: nothing may change.
    (np.array([1.0, 1.0]), -1.5, TRUTH_TABLE, np.array([0.0, 0.0, 0.0, 1.0]), 0.1),
]


def _flipped(w, b, X, y, learning_rate):
    new_w, new_b = batch_update(w, b, X, y, learning_rate)
    return 2 * w - new_w, 2 * b - new_b


def _averaged(w, b, X, y, learning_rate):
    new_w, new_b = batch_update(w, b, X, y, learning_rate)
    return w + (new_w - w) / len(y), b + (new_b - b) / len(y)


def _strict_step(w, b, X, y, learning_rate):
    errors = y - (X @ w + b > 0)
    return w + learning_rate * X.T @ errors, b + learning_rate * errors.sum()


UPDATE_MISTAKES = [
    Mistake("sign_flipped", _flipped,
            "the update goes the wrong way: an error is the target minus the prediction, "
            "not the reverse"),
    Mistake("bias_unchanged", lambda w, b, X, y, rate: (batch_update(w, b, X, y, rate)[0], b),
            "the weights are right but b did not change: the bias learns from the errors too"),
    Mistake("averaged", _averaged,
            "this update adds the corrections up over the batch; it does not average them"),
    Mistake("no_learning_rate", lambda w, b, X, y, rate: batch_update(w, b, X, y, 1.0),
            "the corrections are scaled by learning_rate"),
    Mistake("strict_step", _strict_step,
            "z = 0 counts as 1 in this lesson (step(0) = 1): use the lesson's step function "
            "rather than a strict > 0"),
]


def perceptron_batch_update(function: Any) -> Verdict:
    """``perceptron_batch_update(w, b, X, y, learning_rate)``: one update on a whole batch."""
    return check_cases(
        function, batch_update, UPDATE_CASES, name="perceptron_batch_update",
        hints=HINTS["perceptron_batch_update"], mistakes=UPDATE_MISTAKES,
    )
