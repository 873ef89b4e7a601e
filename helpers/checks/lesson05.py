"""Lesson 05 · backprop: references, known mistakes and hints for its three exercises."""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import ANY, Hints, Mistake, Verdict, check_cases

HINTS = {
    "dense_backward": Hints(
        "each gradient has the shape of what it is the gradient of: dW like W (in, out), db "
        "like b (out,), dX like X (n, in). Line up the shapes of dZ, X and W in matrix "
        "products (one of them transposed) to get there",
        "dW = X.T @ dZ, db = dZ.sum(axis=0), dX = dZ @ W.T; return dW, db, dX.",
    ),
    "sigmoid_mse_grad": Hints(
        "the loss reaches z through p = σ(z): the chain rule multiplies how L changes with p "
        "by how p changes with z, element by element; and L is a mean over the batch",
        "with p = sigmoid(z) and n = len(z): ∂L/∂z = 2(p − y)/n · p(1 − p).",
    ),
    "relu_backward": Hints(
        "in the forward pass ReLU let only positive z through; in the backward pass the "
        "gradient flows back exactly where z was positive, and is blocked elsewhere",
        "return dA * (Z > 0).",
    ),
}


def sigmoid(z: Any) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


# --- Exercise 1 ---------------------------------------------------------------------------

_rng = np.random.default_rng(5)
DENSE_CASES = [
    tuple(_rng.normal(size=shape) for shape in ((n, out), (n, inp), (inp, out)))
    for n, inp, out in ((4, 3, 2), (1, 2, 5), (6, 5, 1), (3, 3, 3))
]
DW_SHAPE = "dW has the shape of W, (in, out): the layer's input X, transposed, times dZ"
DB_AXIS = "db has the shape of b, (out,): add dZ up over the batch axis only (axis=0)"
DENSE_MISTAKES = [
    Mistake("dW_transposed", lambda dZ, X, W: (dZ.T @ X, ANY, ANY), DW_SHAPE),
    Mistake("dW_averaged", lambda dZ, X, W: (X.T @ dZ / len(X), ANY, ANY),
            "dZ already holds the 1/n of the mean loss: dW adds the examples up, no extra "
            "division"),
    Mistake("db_everything", lambda dZ, X, W: (ANY, dZ.sum(), ANY), DB_AXIS),
    Mistake("db_keepdims", lambda dZ, X, W: (ANY, dZ.sum(axis=0, keepdims=True), ANY), DB_AXIS),
    Mistake("db_wrong_axis", lambda dZ, X, W: (ANY, dZ.sum(axis=1), ANY), DB_AXIS),
    Mistake("db_mean", lambda dZ, X, W: (ANY, dZ.mean(axis=0), ANY),
            "dZ already holds the 1/n of the mean loss: db adds dZ up over the batch, "
            "it does not average it"),
    Mistake("dX_not_transposed", lambda dZ, X, W: (ANY, ANY, dZ @ W),
            "dX has the shape of X, (n, in): dZ times W transposed"),
]


def _shapes(args: tuple[Any, ...]) -> str:
    return "dense_backward with " + ", ".join(
        f"{name} {arg.shape}" for name, arg in zip(("dZ", "X", "W"), args, strict=True)
    )


def dense_backward(function: Any) -> Verdict:
    """``dense_backward(dZ, X, W)`` returns (dW, db, dX) for the layer Z = X @ W + b."""
    return check_cases(
        function, lambda dZ, X, W: (X.T @ dZ, dZ.sum(axis=0), dZ @ W.T), DENSE_CASES,
        name="dense_backward", hints=HINTS["dense_backward"], mistakes=DENSE_MISTAKES,
        rtol=1e-6, atol=1e-9, show=_shapes, parts=("dW", "db", "dX"),
    )


# --- Exercise 2 ---------------------------------------------------------------------------


def _grad(z: Any, y: Any, factor: float = 2.0, mean: bool = True, slope: bool = True) -> Any:
    p = sigmoid(z)
    return factor * (p - y) * (p * (1 - p) if slope else 1) / (len(z) if mean else 1)


SIGMOID_CASES = [  # the first case tells the typical mistakes apart; [0.0] cannot
    (np.array([-2.0, 0.5, 3.0, -0.1]), np.array([1.0, 0.0, 1.0, 0.0])),
    (np.array([0.0]), np.array([1.0])),
    (np.array([[1.5], [-4.0], [0.2]]), np.array([[0.0], [1.0], [1.0]])),
]
SIGMOID_MISTAKES = [
    Mistake("cross_entropy_gradient", lambda z, y: _grad(z, y, factor=1.0, slope=False),
            "that is the cross-entropy gradient; with squared error the chain rule also "
            "multiplies by how p changes with z, σ'(z)"),
    Mistake("no_sigmoid_slope", lambda z, y: _grad(z, y, slope=False),
            "you have ∂L/∂p; the chain rule multiplies it by ∂p/∂z = σ'(z)"),
    Mistake("no_mean", lambda z, y: _grad(z, y, mean=False),
            "L is the mean over the batch, so its gradient carries a 1/n"),
    Mistake("no_factor_two", lambda z, y: _grad(z, y, factor=1.0),
            "the derivative of a square brings down a factor 2"),
    Mistake("sign_flipped", lambda z, y: -_grad(z, y),
            "the sign is flipped: the error is p − y"),
]


def sigmoid_mse_grad(function: Any) -> Verdict:
    """``sigmoid_mse_grad(z, y)``: ∂/∂z of mean((sigmoid(z) − y)²)."""
    return check_cases(
        function, _grad, SIGMOID_CASES, name="sigmoid_mse_grad",
        hints=HINTS["sigmoid_mse_grad"], mistakes=SIGMOID_MISTAKES, rtol=1e-6,
    )


# --- Exercise 3 ---------------------------------------------------------------------------

_rng = np.random.default_rng(55)
_Z = _rng.normal(size=(4, 3))
_Z[1, 2] = _Z[3, 0] = 0.0
RELU_CASES = [
    (np.array([2.0, 3.0, 4.0]), np.array([-1.0, 0.0, 5.0])),
    (_rng.normal(size=(4, 3)), _Z),
    (np.array([-1.5, 2.0, 0.5]), np.array([3.0, -2.0, 0.0])),
]
RELU_MISTAKES = [
    Mistake("zero_counts", lambda dA, Z: dA * (Z >= 0),
            "at exactly z = 0 the lesson (like TensorFlow) takes the slope 0: only strictly "
            "positive z let the gradient through"),
    Mistake("mask_only", lambda dA, Z: (Z > 0).astype(float),
            "that is relu'(Z) alone; the backward pass multiplies it by the incoming gradient dA"),
    Mistake("mask_from_dA", lambda dA, Z: np.maximum(dA, 0),
            "the mask comes from Z (where the forward pass was positive), not from dA"),
    Mistake("forward", lambda dA, Z: np.maximum(Z, 0),
            "that is relu(Z), the forward pass; the backward pass masks dA"),
]


def relu_backward(function: Any) -> Verdict:
    """``relu_backward(dA, Z)`` = dA where Z > 0, else 0."""
    return check_cases(
        function, lambda dA, Z: np.asarray(dA, dtype=float) * (np.asarray(Z) > 0), RELU_CASES,
        name="relu_backward", hints=HINTS["relu_backward"], mistakes=RELU_MISTAKES,
    )
