"""Lesson 02 · activations: references, known mistakes and hints for its exercises."""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import Hints, Mistake, Verdict, check_cases, first_failure

HINTS = {
    "softplus": Hints(
        "softplus is a smooth ReLU, log(1 + e^z), as in the exercise text; for softplus_grad, "
        "measure the slopes: numerical_derivative(softplus, z_table) matches one of the "
        "functions printed in this lesson",
        "np.logaddexp(0, z) computes log(1 + e^z) without overflowing, and the measured "
        "slopes of softplus are the sigmoid's values, so softplus_grad(z) = σ(z): "
        "it can return sigmoid(z).",
    ),
    "softmax_backward": Hints(
        "each output p_j depends on every score z_i, so the upstream gradient flows back "
        "through all of them: one part through z_i's own output, and one part through the "
        "normalisation that all outputs share",
        "with p = softmax(z), return p * upstream - p * np.dot(p, upstream).",
    ),
    "silu_grad": Hints(
        "silu(z) = z·σ(z) is a product of two functions of z: the product rule gives two "
        "terms, and you know σ's derivative from this lesson",
        "silu'(z) = σ(z) + z·σ(z)(1 − σ(z)).",
    ),
}

EXTREME_HINT = Hints(
    "for z = 800, e^z overflows to inf; compute it in a form that never builds e^z for a "
    "large z (the lesson shows how)",
    "np.logaddexp(0, z) is log(1 + e^z) without overflow; for the derivative, "
    "e^z / (1 + e^z) = σ(z): call the lesson's stable sigmoid(z).",
)


def sigmoid(z: Any) -> Any:
    # tanh form: never overflows, unlike 1 / (1 + exp(-z)) for very negative z.
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def softmax(z: Any) -> np.ndarray:
    exps = np.exp(np.asarray(z, dtype=float) - np.max(z))
    return exps / exps.sum()


# --- Exercise 1 ---------------------------------------------------------------------------

EVERYDAY = [(np.array([-3.0, -1.0, 0.0, 0.5, 2.0]),), (0.0,)]
EXTREME = [(np.array([-800.0, 0.0, 800.0]),)]


def _softplus(z: Any) -> Any:
    return np.logaddexp(0.0, z)


SOFTPLUS_MISTAKES = [
    Mistake("relu", lambda z: np.maximum(z, 0.0),
            "that is ReLU; softplus is its smooth version, log(1 + e^z)"),
    Mistake("no_one", lambda z: np.log(np.exp(z)), "inside the log it is 1 + e^z"),
]
GRAD_MISTAKES = [
    Mistake("softplus_itself", _softplus,
            "that is softplus itself; softplus_grad is its derivative"),
    Mistake("sigmoid_derivative", lambda z: sigmoid(z) * (1 - sigmoid(z)),
            "that is σ'(z), the sigmoid's slope; measure softplus's own slopes with "
            "numerical_derivative(softplus, z_table) and compare"),
]


def softplus(softplus_fn: Any, softplus_grad_fn: Any) -> Verdict:
    """``softplus(z)`` = log(1 + e^z) and ``softplus_grad(z)`` = σ(z), finite for z = ±800."""
    failure = first_failure(
        lambda: check_cases(softplus_fn, _softplus, EVERYDAY, name="softplus",
                            hints=HINTS["softplus"], mistakes=SOFTPLUS_MISTAKES),
        lambda: check_cases(softplus_fn, _softplus, EXTREME, name="softplus", hints=EXTREME_HINT),
        lambda: check_cases(softplus_grad_fn, sigmoid, EVERYDAY, name="softplus_grad",
                            hints=HINTS["softplus"], mistakes=GRAD_MISTAKES),
        lambda: check_cases(softplus_grad_fn, sigmoid, EXTREME, name="softplus_grad",
                            hints=EXTREME_HINT),
    )
    return failure or Verdict.ok(
        "softplus and softplus_grad are correct on 3 test inputs, including z = ±800."
    )


# --- Exercise 2 ---------------------------------------------------------------------------


def _softmax_backward(z: Any, upstream: Any) -> np.ndarray:
    p = softmax(z)
    return p * upstream - p * np.dot(p, upstream)


BACKWARD_CASES = [
    (np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 0.0])),
    (np.array([0.5, -1.0, 2.0, 0.0]), np.array([0.2, -0.3, 1.0, 0.5])),
]
BACKWARD_EXTREME = [(np.array([1000.0, 1001.0, 1002.0]), np.array([1.0, 2.0, 3.0]))]
BACKWARD_MISTAKES = [
    Mistake("diagonal_only", lambda z, g: softmax(z) * g,
            "that is only the part through z_i's own output; the shared normalisation adds "
            "a second term"),
    Mistake("second_term_without_p", lambda z, g: softmax(z) * g - np.dot(softmax(z), g),
            "the second term is also multiplied by p, element by element"),
    Mistake("upstream_ignored", lambda z, g: softmax(z) * (1 - softmax(z)),
            "the result depends on the upstream gradient too: multiply by it"),
]


def softmax_backward(function: Any) -> Verdict:
    """``softmax_backward(z, upstream)``: the gradient through softmax, Jᵀ·upstream."""
    failure = first_failure(
        lambda: check_cases(function, _softmax_backward, BACKWARD_CASES, name="softmax_backward",
                            hints=HINTS["softmax_backward"], mistakes=BACKWARD_MISTAKES),
        lambda: check_cases(
            function, _softmax_backward, BACKWARD_EXTREME, name="softmax_backward",
            hints=Hints("large scores overflow exp: compute p with the stable softmax of the "
                        "lesson", "subtract np.max(z) from z before np.exp; the result is the "
                        "same softmax"),
        ),
    )
    return failure or Verdict.ok(
        "softmax_backward is correct on 3 test inputs, including scores around 1000."
    )


# --- Exercise 3 ---------------------------------------------------------------------------


def _silu_grad(z: Any) -> Any:
    s = sigmoid(z)
    return s + np.asarray(z, dtype=float) * s * (1 - s)


SILU_MISTAKES = [
    Mistake("first_term_only", lambda z: sigmoid(z),
            "the product rule gives two terms; you have only the first, 1·σ(z)"),
    Mistake("second_term_only", lambda z: np.asarray(z) * sigmoid(z) * (1 - sigmoid(z)),
            "the product rule gives two terms; you have only the second, z·σ'(z)"),
    Mistake("sigmoid_derivative", lambda z: sigmoid(z) * (1 - sigmoid(z)),
            "that is σ'(z), the derivative of σ alone; silu multiplies σ(z) by z"),
    Mistake("silu_itself", lambda z: np.asarray(z) * sigmoid(z),
            "that is silu itself, not its derivative"),
]


def silu_grad(function: Any) -> Verdict:
    """``silu_grad(z)``: the derivative of silu(z) = z·σ(z)."""
    return check_cases(
        function, _silu_grad, [(np.array([-4.0, -1.0, 0.0, 0.5, 2.0, 6.0]),), (2.0,)],
        name="silu_grad", hints=HINTS["silu_grad"], mistakes=SILU_MISTAKES,
    )
