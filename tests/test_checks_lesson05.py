"""Lesson 05 checks: right answers written any way pass; each wrong one gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from learner_answers import assert_right, assert_wrong, sigmoid


def dense(dZ, X, W):
    return X.T @ dZ, dZ.sum(axis=0), dZ @ W.T


def dense_loops(dZ, X, W):
    dW = np.zeros_like(W)
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            dW[i, j] = np.sum(X[:, i] * dZ[:, j])
    return dW, np.sum(dZ, axis=0), np.einsum("no,io->ni", dZ, W)


@pytest.mark.parametrize("answer", [dense, dense_loops, lambda dZ, X, W: [*dense(dZ, X, W)]])
def test_dense_backward_right(answer) -> None:
    assert_right("dense_backward", (answer,), "✓ dense_backward is correct on 4 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        # (dX, dW, db) in the wrong order used to get a shape hint.
        (lambda dZ, X, W: (dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)), "wrong_order"),
        (lambda dZ, X, W: (dZ.T @ X, dZ.sum(axis=0), dZ @ W.T), "dW_transposed"),
        (lambda dZ, X, W: (X.T @ dZ / len(X), dZ.sum(axis=0), dZ @ W.T), "dW_averaged"),
        (lambda dZ, X, W: (X.T @ dZ, dZ.sum(), dZ @ W.T), "db_everything"),
        (lambda dZ, X, W: (X.T @ dZ, dZ.sum(axis=0, keepdims=True), dZ @ W.T), "db_keepdims"),
        (lambda dZ, X, W: (X.T @ dZ, dZ.sum(axis=1), dZ @ W.T), "db_wrong_axis"),
        (lambda dZ, X, W: (X.T @ dZ, dZ.mean(axis=0), dZ @ W.T), "db_mean"),
        (lambda dZ, X, W: (X * dZ, dZ.sum(axis=0), dZ @ W.T), "raised"),
        (lambda dZ, X, W: (X.T @ dZ, dZ.sum(axis=0)), None),
        (lambda dZ, X, W: (X.T @ dZ, dZ.sum(axis=0), W @ dZ.T), None),
        (lambda dZ, X, W: (X.T @ dZ, dZ.sum(axis=0), dZ @ W.T * 2), None),
        (lambda dZ, X, W: None, "no_return"),
    ],
)
def test_dense_backward_wrong(answer, mistake) -> None:
    if mistake == "no_return":
        return  # checked by the contract test: no hint needed beyond "forget `return`?"
    assert_wrong("dense_backward", (answer,), mistake)


def grad(z, y):
    p = sigmoid(z)
    return 2 * (p - y) * p * (1 - p) / len(z)


@pytest.mark.parametrize("answer", [grad, lambda z, y: 2 * (sigmoid(z) - y) * sigmoid(z) * sigmoid(-z) / z.shape[0]])
def test_sigmoid_mse_grad_right(answer) -> None:
    assert_right("sigmoid_mse_grad", (answer,), "✓ sigmoid_mse_grad is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda z, y: (sigmoid(z) - y) / len(z), "cross_entropy_gradient"),
        (lambda z, y: 2 * (sigmoid(z) - y) / len(z), "no_sigmoid_slope"),
        (lambda z, y: 2 * (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)), "no_mean"),
        (lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)) / len(z), "no_factor_two"),
        (lambda z, y: -grad(z, y), "sign_flipped"),
        (lambda z, y: 2 * (sigmoid(z) - y) * sigmoid(z) / len(z), None),
        (lambda z, y: 2 * (z - y) * sigmoid(z) * (1 - sigmoid(z)) / len(z), None),
        (lambda z, y: np.mean(grad(z, y)), None),
        (lambda z, y: 2 * (sigmoid(z) - y) * z * (1 - z) / len(z), None),
        (lambda z, y: grad(z, y) * len(z) ** 0.5, None),
        (lambda z, y: 2 * (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)) / z.size * 2, None),
    ],
)
def test_sigmoid_mse_grad_wrong(answer, mistake) -> None:
    assert_wrong("sigmoid_mse_grad", (answer,), mistake)


@pytest.mark.parametrize("answer", [
    lambda dA, Z: dA * (Z > 0),
    lambda dA, Z: np.where(Z > 0, dA, 0.0),
    lambda dA, Z: np.array([a if z > 0 else 0.0 for a, z in zip(np.ravel(dA), np.ravel(Z), strict=False)]).reshape(np.shape(Z)),
])
def test_relu_backward_right(answer) -> None:
    assert_right("relu_backward", (answer,), "✓ relu_backward is correct on 3 test inputs.")


def in_place(dA, Z):
    dA[Z <= 0] = 0
    return dA


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda dA, Z: dA * (Z >= 0), "zero_counts"),
        (lambda dA, Z: (Z > 0).astype(float), "mask_only"),
        (lambda dA, Z: np.maximum(dA, 0), "mask_from_dA"),
        (lambda dA, Z: np.maximum(Z, 0), "forward"),
        # An array of strings used to get "expected numbers like".
        (lambda dA, Z: np.where(Z > 0, dA, "0"), "text"),
        (in_place, "mutates_input"),
        (lambda dA, Z: dA * (Z < 0), None),
        (lambda dA, Z: dA * Z, None),
        (lambda dA, Z: np.sum(dA * (Z > 0)), None),
        (lambda dA, Z: np.array([a if z > 0 else None for a, z in zip(dA, Z, strict=False)]), None),
        (lambda dA, Z: dA + (Z > 0), None),
    ],
)
def test_relu_backward_wrong(answer, mistake) -> None:
    assert_wrong("relu_backward", (answer,), mistake)
