"""Checks of lesson 05 (backprop): a ✓ for right answers, a specific hint for each typical mistake."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from learner_answers import not_implemented as stub, returns_none, run_check as run


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def raises(*args):
    return args[0] @ np.ones((7, 7))


# --- Exercise 1 · dense_backward -------------------------------------------------


def dense_backward(dZ, X, W):
    return X.T @ dZ, dZ.sum(axis=0), dZ @ W.T


def test_dense_backward_correct(capsys) -> None:
    assert run(capsys, checks.dense_backward, dense_backward) == (
        "✓ dense_backward is correct on 4 test inputs."
    )


def test_dense_backward_swapped_dW_names_the_part_and_the_transpose(capsys) -> None:
    out = run(capsys, checks.dense_backward, lambda dZ, X, W: (dZ.T @ X, dZ.sum(axis=0), dZ @ W.T))
    assert out.startswith("✗ dense_backward with dZ (4, 2), X (4, 3), W (3, 2) gave a wrong dW:")
    assert "rows and columns swapped" in out
    assert "Hint: dW has the shape of W" in out


def test_dense_backward_db_summed_over_everything(capsys) -> None:
    out = run(capsys, checks.dense_backward, lambda dZ, X, W: (X.T @ dZ, dZ.sum(), dZ @ W.T))
    assert "gave a wrong db" in out
    assert "Hint: db has the shape of b, (out,): add dZ up over the batch axis only" in out


def test_dense_backward_db_mean_instead_of_sum(capsys) -> None:
    out = run(capsys, checks.dense_backward, lambda dZ, X, W: (X.T @ dZ, dZ.mean(axis=0), dZ @ W.T))
    assert out.startswith("✗ ") and "gave a wrong db" in out and "Hint:" in out


def test_dense_backward_dX_without_transpose_on_square_weights(capsys) -> None:
    def no_transpose(dZ, X, W):
        dW, db, _ = dense_backward(dZ, X, W)
        return dW, db, dZ @ W if W.shape[0] == W.shape[1] else dZ @ W.T

    out = run(capsys, checks.dense_backward, no_transpose)
    assert "W (3, 3) gave a wrong dX" in out
    assert "Hint: dX has the shape of X, (n, in): dZ times W transposed." in out


def test_dense_backward_wrong_number_of_values(capsys) -> None:
    out = run(capsys, checks.dense_backward, lambda dZ, X, W: (X.T @ dZ, dZ.sum(axis=0)))
    assert out.startswith("✗ dense_backward returned 2 values;")
    assert "expected three arrays. Hint: end the function with `return dW, db, dX`." in out


def test_dense_backward_stub_none_and_exception(capsys) -> None:
    assert run(capsys, checks.dense_backward, stub).startswith(
        "… dense_backward is not implemented yet (NotImplementedError)."
    )
    assert run(capsys, checks.dense_backward, returns_none) == (
        "✗ dense_backward returned None. Did you forget `return`?"
    )
    out = run(capsys, checks.dense_backward, raises)
    assert out.startswith("✗ dense_backward(") and "raised ValueError" in out


def test_dense_backward_not_a_function(capsys) -> None:
    out = run(capsys, checks.dense_backward, (1, 2, 3))
    assert out.startswith("✗ expected a function for dense_backward")


# --- Exercise 2 · sigmoid_mse_grad -----------------------------------------------


def sigmoid_mse_grad(z, y):
    p = sigmoid(z)
    return 2 * (p - y) * p * (1 - p) / len(z)


def test_sigmoid_mse_grad_correct(capsys) -> None:
    assert run(capsys, checks.sigmoid_mse_grad, sigmoid_mse_grad) == (
        "✓ sigmoid_mse_grad is correct on 3 test inputs."
    )


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda z, y: (sigmoid(z) - y) / len(z), "that is the cross-entropy gradient"),
        (lambda z, y: 2 * (sigmoid(z) - y) / len(z), "you have ∂L/∂p; multiply by ∂p/∂z"),
        (
            lambda z, y: 2 * (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)),
            "divide by n = len(z)",
        ),
        (
            lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)) / len(z),
            "a factor 2 is missing",
        ),
        (lambda z, y: 2 * (z - y) * z * (1 - z) / len(z), "with p = sigmoid(z)"),
    ],
)
def test_sigmoid_mse_grad_typical_mistakes_get_their_hint(capsys, wrong, hint) -> None:
    out = run(capsys, checks.sigmoid_mse_grad, wrong)
    assert out.startswith("✗ sigmoid_mse_grad(")
    assert "Hint: " in out and hint in out


def test_sigmoid_mse_grad_stub_none_and_exception(capsys) -> None:
    assert run(capsys, checks.sigmoid_mse_grad, stub).startswith(
        "… sigmoid_mse_grad is not implemented yet (NotImplementedError)."
    )
    out = run(capsys, checks.sigmoid_mse_grad, returns_none)
    assert "returned None. Did you forget `return`?" in out
    out = run(capsys, checks.sigmoid_mse_grad, raises)
    assert out.startswith("✗ sigmoid_mse_grad(") and "raised ValueError" in out
    assert "Hint: with p = sigmoid(z)" in out


# --- Exercise 3 · relu_backward --------------------------------------------------


def relu_backward(dA, Z):
    return dA * (Z > 0)


def test_relu_backward_correct(capsys) -> None:
    assert run(capsys, checks.relu_backward, relu_backward) == (
        "✓ relu_backward is correct on 3 test inputs."
    )


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda dA, Z: dA * (Z >= 0), "at exactly z = 0"),
        (lambda dA, Z: (Z > 0).astype(float), "multiply it by the incoming gradient dA"),
        (lambda dA, Z: np.maximum(dA, 0), "the mask comes from Z"),
        (lambda dA, Z: np.maximum(Z, 0), "that is relu(Z), the forward pass"),
        (lambda dA, Z: dA * (Z < 0), "keep dA where Z > 0"),
    ],
)
def test_relu_backward_typical_mistakes_get_their_hint(capsys, wrong, hint) -> None:
    out = run(capsys, checks.relu_backward, wrong)
    assert out.startswith("✗ relu_backward(")
    assert "Hint: " in out and hint in out


def test_relu_backward_stub_none_and_exception(capsys) -> None:
    assert run(capsys, checks.relu_backward, stub).startswith(
        "… relu_backward is not implemented yet (NotImplementedError)."
    )
    assert "returned None. Did you forget `return`?" in run(
        capsys, checks.relu_backward, returns_none
    )
    out = run(capsys, checks.relu_backward, raises)
    assert out.startswith("✗ relu_backward(") and "raised ValueError" in out
