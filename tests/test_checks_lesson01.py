"""Lesson 01 checks: right answers written any way pass; each wrong one gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from learner_answers import assert_right, assert_wrong, sigmoid, step


def neuron(X, w, b):
    return sigmoid(X @ w + b)


def neuron_loop(X, w, b):
    return np.array([1 / (1 + np.exp(-(sum(x_i * w_i for x_i, w_i in zip(x, w, strict=False)) + b))) for x in X])


@pytest.mark.parametrize("answer", [neuron, neuron_loop, lambda X, w, b: sigmoid(np.dot(X, w) + b)])
def test_neuron_output_right(answer) -> None:
    assert_right("neuron_output", (answer,), "✓ neuron_output is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda X, w, b: sigmoid(X @ w), "no_bias"),
        (lambda X, w, b: X @ w + b, "no_activation"),
        (lambda X, w, b: step(X @ w + b), "step_activation"),
        (lambda X, w, b: sigmoid(X @ w - b), None),
        (lambda X, w, b: sigmoid(X @ w + 2 * b), None),
        (lambda X, w, b: sigmoid(X @ w.reshape(-1, 1) + b), None),
        (lambda X, w, b: sigmoid(w @ X + b), "raised"),
        (lambda X, w, b: sigmoid(X * w + b), None),
        (lambda X, w, b: np.tanh(X @ w + b), None),
        (lambda X, w, b: sigmoid((X @ w + b).sum()), None),
        (lambda X, w, b: 1 / (1 + np.exp(X @ w + b)), None),
        (lambda X, w, b: [float(v) for v in sigmoid(X @ w + b)][:1], None),
    ],
)
def test_neuron_output_wrong(answer, mistake) -> None:
    assert_wrong("neuron_output", (answer,), mistake)


@pytest.mark.parametrize(
    "answer",
    [lambda: (np.array([-1.0, -1.0]), 1.5), lambda: ([-2, -2], 3), lambda: np.array([[-1, -1], 1.5], dtype=object),
     lambda: ((-0.5, -0.5), 0.75)],
)
def test_nand_weights_right(answer) -> None:
    assert_right("nand_weights", (answer,))


def test_nand_weights_line_unchanged() -> None:
    assert_right("nand_weights", (lambda: (np.array([-1.0, -1.0]), 1.5),),
                 "✓ nand_weights: w = [-1.0, -1.0], b = 1.5 computes NAND on all 4 inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        # The likely mistake: AND's weights and bias (1, 1, -2) with every sign flipped.
        (lambda: (np.array([-1.0, -1.0]), 2.0), "z_not_below_zero"),
        (lambda: (np.array([-1.0, -1.0]), 2.5), "z_not_below_zero"),
        (lambda: (np.array([1.0, 1.0]), -1.5), "bias_negative"),
        (lambda: (np.array([-1.0, -1.0]), -1.5), "bias_negative"),
        (lambda: (np.array([1.0, 1.0]), 1.5), "weights_up"),
        (lambda: (np.array([-2.0, -2.0]), 1.0), "single_one"),
        (lambda: (1.5, np.array([-1.0, -1.0])), "swapped"),
        (lambda: np.array([-1.0, -1.0, 1.5]), "not_a_pair"),
        (lambda: ("-1, -1", "1.5"), "not_numbers"),
        (lambda: (np.array([-1.0, -1.0, 0.0]), 1.5), "shape"),
        (lambda: (np.array([np.nan, -1.0]), 1.5), "not_finite"),
    ],
)
def test_nand_weights_wrong(answer, mistake) -> None:
    assert_wrong("nand_weights", (answer,), mistake)


def test_nand_hint_for_flipped_and_does_not_say_make_weights_negative() -> None:
    printed = assert_wrong("nand_weights", (lambda: (np.array([-1.0, -1.0]), 2.0),), "z_not_below_zero")
    assert "make the weights negative" not in printed and "already negative" in printed


def update(w, b, X, y, learning_rate):
    errors = y - step(X @ w + b)
    return w + learning_rate * X.T @ errors, b + learning_rate * errors.sum()


def update_loop(w, b, X, y, learning_rate):
    new_w, new_b = w.copy(), b
    for x_k, y_k in zip(X, y, strict=False):
        error = y_k - (1.0 if x_k @ w + b >= 0 else 0.0)
        new_w = new_w + learning_rate * error * x_k
        new_b = new_b + learning_rate * error
    return new_w, new_b


@pytest.mark.parametrize("answer", [update, update_loop, lambda *args: np.array(update(*args), dtype=object)])
def test_perceptron_batch_update_right(answer) -> None:
    assert_right("perceptron_batch_update", (answer,), "✓ perceptron_batch_update is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda w, b, X, y, r: update(w, b, X, y, r)[::-1], "wrong_order"),
        (lambda w, b, X, y, r: (2 * w - update(w, b, X, y, r)[0], 2 * b - update(w, b, X, y, r)[1]), "sign_flipped"),
        (lambda w, b, X, y, r: (update(w, b, X, y, r)[0], b), "bias_unchanged"),
        (lambda w, b, X, y, r: (w + r * X.T @ (y - step(X @ w + b)) / len(y), b + r * np.mean(y - step(X @ w + b))), "averaged"),
        (lambda w, b, X, y, r: update(w, b, X, y, 1.0), "no_learning_rate"),
        (lambda w, b, X, y, r: (w + r * X.T @ (y - (X @ w + b > 0)), b + r * np.sum(y - (X @ w + b > 0))), "strict_step"),
        (lambda w, b, X, y, r: (w + r * X @ (y - step(X @ w + b)), b), "raised"),
        (lambda w, b, X, y, r: (w + r * (y - step(X @ w + b)), b), "raised"),
        (lambda w, b, X, y, r: update(w, b, X, y, r)[0], None),
        (lambda w, b, X, y, r: (w + r * X.T @ (y - sigmoid(X @ w + b)), b + r * np.sum(y - sigmoid(X @ w + b))), None),
        (lambda w, b, X, y, r: (w + r * X.T @ (y - 0.5), b), None),
    ],
)
def test_perceptron_batch_update_wrong(answer, mistake) -> None:
    assert_wrong("perceptron_batch_update", (answer,), mistake)
