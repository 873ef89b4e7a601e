"""Checks of lesson 06 (an MNIST network from scratch): ✓ for right answers, a hint for typical
mistakes, "not implemented yet" for an untouched exercise, and never a traceback."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from learner_answers import NOT_IMPLEMENTED, not_implemented as stub, returns_none, run_check as run


def raises(*args):
    return np.ones((3, 4)) @ np.ones((5, 6))


# --- Exercise 1 · one_hot_digits -------------------------------------------------


def one_hot_digits(labels):
    encoded = np.zeros((len(labels), 10), dtype=np.float32)
    encoded[np.arange(len(labels)), labels] = 1
    return encoded


def test_one_hot_correct(capsys) -> None:
    assert run(capsys, checks.one_hot_digits, one_hot_digits) == (
        "✓ one_hot_digits is correct on 4 test inputs."
    )


def test_one_hot_with_eye_in_float32_is_correct_too(capsys) -> None:
    out = run(capsys, checks.one_hot_digits, lambda labels: np.eye(10, dtype=np.float32)[labels])
    assert out.startswith("✓")


def test_one_hot_too_few_columns(capsys) -> None:
    out = run(capsys, checks.one_hot_digits, lambda labels: np.eye(labels.max() + 1)[labels])
    assert out.startswith("✗ one_hot_digits([7]) returned shape (1, 8); expected shape (1, 10).")
    assert "Hint: row i is all zeros except a 1 in column labels[i]" in out


def test_one_hot_wrong_column(capsys) -> None:
    out = run(capsys, checks.one_hot_digits, lambda labels: one_hot_digits((labels + 1) % 10))
    assert out.startswith("✗ one_hot_digits([3, 0, 9]) returned wrong values")
    assert "Hint:" in out


def test_one_hot_float64_gets_a_dtype_hint(capsys) -> None:
    out = run(capsys, checks.one_hot_digits, lambda labels: np.eye(10)[labels])
    assert out.startswith("✗ one_hot_digits has the right values but dtype float64")
    assert "np.float32" in out


@pytest.mark.parametrize(
    ("function", "start"),
    [
        (stub, f"… one_hot_digits {NOT_IMPLEMENTED}"),
        (returns_none, "✗ one_hot_digits([3, 0, 9]) returned None. Did you forget `return`?"),
        (raises, "✗ one_hot_digits([3, 0, 9]) raised ValueError"),
        (lambda labels: "one hot", "✗ one_hot_digits([3, 0, 9]) returned 'one hot'"),
        ([0, 1], "✗ expected a function for one_hot_digits"),
    ],
)
def test_one_hot_broken_answers_do_not_crash(capsys, function, start) -> None:
    assert run(capsys, checks.one_hot_digits, function).startswith(start)


# --- Exercise 2 · glorot_uniform -------------------------------------------------


def glorot_uniform(fan_in, fan_out, rng):
    limit = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)


def test_glorot_correct(capsys) -> None:
    assert run(capsys, checks.glorot_uniform, glorot_uniform) == (
        "✓ glorot_uniform is correct on 3 layer sizes."
    )


def test_glorot_normal_instead_of_uniform(capsys) -> None:
    def normal(fan_in, fan_out, rng):
        std = np.sqrt(2 / (fan_in + fan_out))
        return (rng.normal(size=(fan_in, fan_out)) * std).astype(np.float32)

    out = run(capsys, checks.glorot_uniform, normal)
    assert out.startswith("✗ glorot_uniform(784, 128, rng) has a weight of size")
    assert "beyond the limit ±0.0811107" in out
    assert "Hint: Glorot *uniform* draws from rng.uniform(-limit, limit, size)" in out


def test_glorot_limit_without_square_root(capsys) -> None:
    def no_sqrt(fan_in, fan_out, rng):
        limit = 6 / (fan_in + fan_out)
        return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)

    out = run(capsys, checks.glorot_uniform, no_sqrt)
    assert out.startswith("✗ glorot_uniform(784, 128, rng) has standard deviation")
    assert "Hint: limit = sqrt(6 / (fan_in + fan_out))" in out


def test_glorot_only_positive_values(capsys) -> None:
    def positive(fan_in, fan_out, rng):
        limit = np.sqrt(6 / (fan_in + fan_out))
        return rng.uniform(0, limit, size=(fan_in, fan_out)).astype(np.float32)

    out = run(capsys, checks.glorot_uniform, positive)
    assert out.startswith("✗ glorot_uniform(784, 128, rng) has standard deviation")


def test_glorot_shape_swapped(capsys) -> None:
    out = run(capsys, checks.glorot_uniform, lambda fan_in, fan_out, rng: glorot_uniform(fan_out, fan_in, rng))
    assert out.startswith("✗ glorot_uniform(784, 128, rng) returned shape (128, 784)")
    assert "rows and columns swapped" in out


def test_glorot_float64(capsys) -> None:
    out = run(
        capsys,
        checks.glorot_uniform,
        lambda fan_in, fan_out, rng: glorot_uniform(fan_in, fan_out, rng).astype(np.float64),
    )
    assert "expected float32" in out


def test_glorot_ignores_the_generator(capsys) -> None:
    out = run(
        capsys,
        checks.glorot_uniform,
        lambda fan_in, fan_out, rng: glorot_uniform(fan_in, fan_out, np.random.default_rng()),
    )
    assert out.startswith("✗ glorot_uniform gave different weights for two generators")
    assert "rng.uniform" in out


@pytest.mark.parametrize(
    ("function", "start"),
    [
        (stub, f"… glorot_uniform {NOT_IMPLEMENTED}"),
        (returns_none, "✗ glorot_uniform returned None. Did you forget `return`?"),
        (raises, "✗ glorot_uniform(784, 128, "),
        (lambda fan_in, fan_out, rng: [1, [2]], "✗ glorot_uniform(784, 128, rng) returned"),
        (
            lambda fan_in, fan_out, rng: np.full((fan_in, fan_out), np.nan),
            "✗ glorot_uniform(784, 128, rng) contains NaN",
        ),
        ("glorot", "✗ expected a function for glorot_uniform"),
    ],
)
def test_glorot_broken_answers_do_not_crash(capsys, function, start) -> None:
    assert run(capsys, checks.glorot_uniform, function).startswith(start)


# --- Exercise 3 · predict_digit --------------------------------------------------


def probabilities(image, W1, b1, W2, b2, scale=255):
    x = image.reshape(1, 784).astype(np.float32) / scale
    logits = np.maximum(x @ W1 + b1, 0) @ W2 + b2
    exps = np.exp(logits - logits.max())
    return (exps / exps.sum()).reshape(10)


def predict_digit(image, W1, b1, W2, b2):
    p = probabilities(image, W1, b1, W2, b2)
    return int(np.argmax(p)), float(p.max())


def test_predict_correct(capsys) -> None:
    assert run(capsys, checks.predict_digit, predict_digit) == (
        "✓ predict_digit is correct on 3 test images."
    )


def test_predict_cases_are_different_digits() -> None:
    digits = {predict_digit(*case)[0] for case in checks._lesson06_predict_cases()}
    assert len(digits) == 3


def test_predict_numpy_scalars_and_a_list_are_fine(capsys) -> None:
    def numpy_types(image, W1, b1, W2, b2):
        p = probabilities(image, W1, b1, W2, b2)
        return [np.argmax(p), p.max()]

    assert run(capsys, checks.predict_digit, numpy_types).startswith("✓")


def test_predict_without_scaling(capsys) -> None:
    def unscaled(image, W1, b1, W2, b2):
        p = probabilities(image, W1, b1, W2, b2, scale=1)
        return int(np.argmax(p)), float(p.max())

    out = run(capsys, checks.predict_digit, unscaled)
    assert out.startswith("✗ predict_digit(a 28×28 image, W1, b1, W2, b2) value number 2")
    assert "Hint: the network was trained on pixels scaled to [0, 1]: divide the image by 255" in out


def test_predict_logit_instead_of_probability(capsys) -> None:
    def logit(image, W1, b1, W2, b2):
        x = image.reshape(1, 784) / 255
        logits = (np.maximum(x @ W1 + b1, 0) @ W2 + b2).reshape(10)
        return int(np.argmax(logits)), float(logits.max())

    out = run(capsys, checks.predict_digit, logit)
    assert "Hint: that is the largest logit; apply softmax" in out


def test_predict_argmin(capsys) -> None:
    def smallest(image, W1, b1, W2, b2):
        p = probabilities(image, W1, b1, W2, b2)
        return int(np.argmin(p)), float(p.min())

    assert "Hint: the prediction is the digit with the LARGEST probability" in run(
        capsys, checks.predict_digit, smallest
    )


def test_predict_returns_all_probabilities(capsys) -> None:
    out = run(capsys, checks.predict_digit, probabilities)
    assert out.startswith("✗ predict_digit returned an array of shape (10,); expected two values")
    assert "Hint: end the function with `return digit, probability`." in out


def test_predict_missing_bias_gets_the_general_hint(capsys) -> None:
    out = run(
        capsys, checks.predict_digit, lambda image, W1, b1, W2, b2: predict_digit(image, W1, b1, W2, 0 * b2)
    )
    assert out.startswith("✗ predict_digit(a 28×28 image, W1, b1, W2, b2)")
    assert "Hint: reshape the image to (1, 784)" in out


@pytest.mark.parametrize(
    ("function", "start"),
    [
        (stub, f"… predict_digit {NOT_IMPLEMENTED}"),
        (returns_none, "✗ predict_digit returned None. Did you forget `return`?"),
        (raises, "✗ predict_digit(an array of shape (28, 28), "),
        (lambda image, *weights: image @ weights[0], "✗ predict_digit(an array of shape (28, 28)"),
        (lambda image, *weights: ("seven", 0.9), "✗ predict_digit(a 28×28 image, W1, b1, W2, b2)"),
        (lambda image, *weights: 7, "✗ predict_digit returned 7; expected two values"),
        (None, "✗ expected a function for predict_digit"),
    ],
)
def test_predict_broken_answers_do_not_crash(capsys, function, start) -> None:
    assert run(capsys, checks.predict_digit, function).startswith(start)
