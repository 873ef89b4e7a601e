"""Lesson 01 checks: neuron_output, nand_weights, perceptron_batch_update."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from learner_answers import not_implemented, returns_none, run_check as run


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def step(z):
    return (np.asarray(z) >= 0).astype(float)


# --- Exercise 1 · neuron_output ---------------------------------------------------


def test_neuron_output_correct(capsys) -> None:
    out = run(capsys, checks.neuron_output, lambda X, w, b: sigmoid(X @ w + b))
    assert out == "✓ neuron_output is correct on 3 test inputs."


@pytest.mark.parametrize(
    ("wrong", "expected_problem", "expected_hint"),
    [
        (lambda X, w, b: sigmoid(X @ w), "returned wrong values", "the bias is missing"),
        (lambda X, w, b: X @ w + b, "returned wrong values", "that is z, the pre-activation"),
        (lambda X, w, b: step(X @ w + b), "returned wrong values", "this exercise uses the sigmoid"),
        (lambda X, w, b: sigmoid(X @ w + 2 * b), "returned wrong values", "compute z = X @ w + b"),
        (
            lambda X, w, b: sigmoid(X @ w.reshape(-1, 1) + b),
            "an extra axis",
            "compute z = X @ w + b",
        ),
        (lambda X, w, b: sigmoid(w @ X + b), "raised ValueError", "compute z = X @ w + b"),
    ],
)
def test_neuron_output_wrong_gets_hint(capsys, wrong, expected_problem, expected_hint) -> None:
    out = run(capsys, checks.neuron_output, wrong)
    assert out.startswith("✗ neuron_output(")
    assert expected_problem in out
    assert f"Hint: {expected_hint}" in out


def test_neuron_output_not_implemented(capsys) -> None:
    out = run(capsys, checks.neuron_output, not_implemented)
    assert out.startswith("… neuron_output is not implemented yet")


def test_neuron_output_exception_in_learner_code(capsys) -> None:
    def broken(X, w, b):
        return sigmoid(X @ w + undefined_bias)  # noqa: F821

    out = run(capsys, checks.neuron_output, broken)
    assert "raised NameError" in out


def test_neuron_output_none(capsys) -> None:
    out = run(capsys, checks.neuron_output, returns_none)
    assert "returned None. Did you forget `return`?" in out


def test_neuron_output_not_a_function(capsys) -> None:
    out = run(capsys, checks.neuron_output, 0.5)
    assert out.startswith("✗ expected a function for neuron_output")


# --- Exercise 2 · nand_weights ----------------------------------------------------


def test_nand_weights_correct(capsys) -> None:
    out = run(capsys, checks.nand_weights, lambda: (np.array([-1.0, -1.0]), 1.5))
    assert out == "✓ nand_weights: w = [-1.0, -1.0], b = 1.5 computes NAND on all 4 inputs."


def test_nand_weights_accepts_lists_and_ints(capsys) -> None:
    out = run(capsys, checks.nand_weights, lambda: ([-2, -2], 3))
    assert out.startswith("✓ nand_weights")


@pytest.mark.parametrize(
    ("weights", "expected_hint"),
    [
        ((np.array([1.0, 1.0]), -1.5), "for input (0, 0)"),  # AND, not NAND
        ((np.array([-1.0, -1.0]), 2.0), "a z of exactly 0 gives 1"),  # (1, 1) lands on z = 0
        ((np.array([-1.0, -1.0]), 0.5), "w1 + b ≥ 0 and w2 + b ≥ 0"),  # bias too small
    ],
)
def test_nand_weights_wrong_gets_hint(capsys, weights, expected_hint) -> None:
    out = run(capsys, checks.nand_weights, lambda: weights)
    assert out.startswith("✗ with w = ")
    assert "NAND is [1, 1, 1, 0]" in out
    assert expected_hint in out


def test_nand_weights_wrong_shapes(capsys) -> None:
    out = run(capsys, checks.nand_weights, lambda: (np.array([-1.0, -1.0, 0.0]), 1.5))
    assert "expected w of shape (2,)" in out


def test_nand_weights_swapped_order_gets_hint(capsys) -> None:
    out = run(capsys, checks.nand_weights, lambda: (1.5, np.array([-1.0, -1.0])))
    assert "expected w of shape (2,)" in out
    assert "Hint: the order matters: `return w, b`" in out


def test_nand_weights_not_a_pair(capsys) -> None:
    out = run(capsys, checks.nand_weights, lambda: np.array([-1.0, -1.0]))
    assert out.startswith("✗ nand_weights returned")
    assert "expected a pair (w, b)" in out


def test_nand_weights_not_numbers(capsys) -> None:
    out = run(capsys, checks.nand_weights, lambda: ("minus one", 1.5))
    assert out.startswith("✗ nand_weights returned w = 'minus one'")


def test_nand_weights_nan(capsys) -> None:
    out = run(capsys, checks.nand_weights, lambda: (np.array([np.nan, -1.0]), 1.5))
    assert "NaN" in out


def test_nand_weights_not_implemented(capsys) -> None:
    out = run(capsys, checks.nand_weights, not_implemented)
    assert out.startswith("… nand_weights is not implemented yet")


def test_nand_weights_none(capsys) -> None:
    out = run(capsys, checks.nand_weights, returns_none)
    assert out == "✗ nand_weights returned None. Did you forget `return`?"


def test_nand_weights_exception(capsys) -> None:
    def broken():
        return np.array([-1.0, -1.0]) + np.zeros(3), 1.5

    out = run(capsys, checks.nand_weights, broken)
    assert out.startswith("✗ nand_weights() raised ValueError")


# --- Exercise 3 · perceptron_batch_update -----------------------------------------


def batch_update(w, b, X, y, learning_rate):
    errors = y - step(X @ w + b)
    return w + learning_rate * X.T @ errors, b + learning_rate * errors.sum()


def test_perceptron_batch_update_correct(capsys) -> None:
    out = run(capsys, checks.perceptron_batch_update, batch_update)
    assert out == "✓ perceptron_batch_update is correct on 3 test inputs."


def test_perceptron_batch_update_does_not_mind_in_place_updates(capsys) -> None:
    def in_place(w, b, X, y, learning_rate):
        errors = y - step(X @ w + b)
        w += learning_rate * X.T @ errors
        b += learning_rate * errors.sum()
        return w, b

    out = run(capsys, checks.perceptron_batch_update, in_place)
    assert out.startswith("✓")


def sign_flipped(w, b, X, y, learning_rate):
    errors = step(X @ w + b) - y
    return w + learning_rate * X.T @ errors, b + learning_rate * errors.sum()


def bias_not_summed(w, b, X, y, learning_rate):
    errors = y - step(X @ w + b)
    return w + learning_rate * X.T @ errors, b + learning_rate * errors


def no_transpose(w, b, X, y, learning_rate):
    errors = y - step(X @ w + b)
    return w + learning_rate * X @ errors, b + learning_rate * errors.sum()


def weights_only(w, b, X, y, learning_rate):
    errors = y - step(X @ w + b)
    return w + learning_rate * X.T @ errors


def bias_unchanged(w, b, X, y, learning_rate):
    errors = y - step(X @ w + b)
    return w + learning_rate * X.T @ errors, b


def strict_step(w, b, X, y, learning_rate):
    errors = y - (X @ w + b > 0)
    return w + learning_rate * X.T @ errors, b + learning_rate * errors.sum()


GENERAL_HINT = "errors = y - step(X @ w + b)"


@pytest.mark.parametrize(
    ("wrong", "expected_problem", "expected_hint"),
    [
        (sign_flipped, "value number 1: returned wrong values", "the update goes the wrong way"),
        (bias_unchanged, "value number 2: returned 0.0; expected -0.3", "the weights are right"),
        (bias_not_summed, "value number 2: returned shape (4,); expected shape ()", GENERAL_HINT),
        (no_transpose, "raised ValueError", GENERAL_HINT),
        (weights_only, "expected 2 values", GENERAL_HINT),
        (strict_step, "value number 1: returned wrong values", "z = 0 counts as 1"),
    ],
)
def test_perceptron_batch_update_wrong_gets_hint(
    capsys, wrong, expected_problem, expected_hint
) -> None:
    out = run(capsys, checks.perceptron_batch_update, wrong)
    assert out.startswith("✗ perceptron_batch_update(")
    assert expected_problem in out
    assert f"Hint: {expected_hint}" in out


def test_perceptron_batch_update_not_implemented(capsys) -> None:
    out = run(capsys, checks.perceptron_batch_update, not_implemented)
    assert out.startswith("… perceptron_batch_update is not implemented yet")


def test_perceptron_batch_update_none(capsys) -> None:
    out = run(capsys, checks.perceptron_batch_update, returns_none)
    assert "returned None. Did you forget `return`?" in out
