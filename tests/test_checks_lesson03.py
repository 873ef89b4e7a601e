"""Lesson 03 checks: a ✓ for right answers, a hint for typical mistakes, no crash on broken code."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from learner_answers import not_implemented, returns_none, run_check

# --- answers a learner might write --------------------------------------------


def mae_right(y_true, y_pred):
    return np.mean(np.abs(y_true - y_pred))


def mae_without_abs(y_true, y_pred):
    return np.mean(y_true - y_pred)


def mae_per_example(y_true, y_pred):
    return np.abs(y_true - y_pred)


def bce_clipped_right(y_true, p, epsilon=1e-7):
    p = np.clip(p, epsilon, 1 - epsilon)
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def bce_not_clipped(y_true, p, epsilon=1e-7):
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def bce_clipped_too_little(y_true, p, epsilon=1e-7):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def bce_logits_right(y_true, logits):
    return np.mean(np.logaddexp(0, logits) - y_true * logits)


def bce_logits_through_sigmoid(y_true, logits):
    p = 1 / (1 + np.exp(-logits))
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def bce_logits_sign_slip(y_true, logits):
    return np.mean(np.logaddexp(0, logits) + y_true * logits)


def raises_error(*args, **kwargs):
    raise ValueError("operands could not be broadcast together")


CHECKS = {
    "mean_absolute_error": (checks.mean_absolute_error, mae_right),
    "binary_cross_entropy_clipped": (checks.binary_cross_entropy_clipped, bce_clipped_right),
    "binary_cross_entropy_from_logits": (
        checks.binary_cross_entropy_from_logits,
        bce_logits_right,
    ),
}

WRONG = [
    ("mean_absolute_error", mae_without_abs, "np.abs"),
    ("mean_absolute_error", mae_per_example, "shape (4,); expected shape ()"),
    ("binary_cross_entropy_clipped", bce_not_clipped, "np.clip"),
    ("binary_cross_entropy_clipped", bce_clipped_too_little, "epsilon = 1e-7"),
    ("binary_cross_entropy_from_logits", bce_logits_through_sigmoid, "np.logaddexp"),
    ("binary_cross_entropy_from_logits", bce_logits_sign_slip, "np.logaddexp"),
]


def run(capsys: pytest.CaptureFixture[str], name: str, answer) -> str:
    check, _ = CHECKS[name]
    return run_check(capsys, check, answer)


@pytest.mark.parametrize("name", CHECKS)
def test_right_answer_gets_a_tick(capsys, name) -> None:
    assert run(capsys, name, CHECKS[name][1]) == f"✓ {name} is correct on 3 test inputs."


@pytest.mark.parametrize(("name", "answer", "in_hint"), WRONG)
def test_typical_mistake_gets_a_cross_and_the_hint(capsys, name, answer, in_hint) -> None:
    out = run(capsys, name, answer)
    assert out.startswith(f"✗ {name}(")
    assert " Hint: " in out
    assert in_hint in out


def test_unclipped_log_zero_is_named_without_warnings(capsys) -> None:
    with np.errstate(all="raise"):  # the check must silence NumPy itself, not rely on the caller
        out = run(capsys, "binary_cross_entropy_clipped", bce_not_clipped)
    assert "NaN" in out or "inf" in out


@pytest.mark.parametrize("name", CHECKS)
def test_stub_is_not_implemented_yet(capsys, name) -> None:
    assert run(capsys, name, not_implemented) == (
        f"… {name} is not implemented yet (NotImplementedError). "
        "Replace `raise NotImplementedError()` with your code."
    )


@pytest.mark.parametrize("name", CHECKS)
def test_missing_return_is_spotted(capsys, name) -> None:
    out = run(capsys, name, returns_none)
    assert out.startswith("✗") and "Did you forget `return`?" in out


@pytest.mark.parametrize("name", CHECKS)
def test_exception_becomes_a_hint_not_a_traceback(capsys, name) -> None:
    out = run(capsys, name, raises_error)
    assert out.startswith("✗") and "raised ValueError" in out and " Hint: " in out


@pytest.mark.parametrize("name", CHECKS)
def test_a_value_instead_of_a_function_is_explained(capsys, name) -> None:
    out = run(capsys, name, 0.5)
    assert out.startswith("✗") and "expected a function" in out


def test_mae_reference_is_keras() -> None:
    keras = pytest.importorskip("keras")
    y_true, y_pred = np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])
    assert float(keras.losses.MeanAbsoluteError()(y_true, y_pred)) == pytest.approx(0.5)


def test_reference_losses_match_keras() -> None:
    keras = pytest.importorskip("keras")
    y, p = np.array([1.0, 0.0, 0.0, 1.0]), np.array([0.0, 0.3, 0.0, 0.9])
    expected = float(keras.losses.BinaryCrossentropy()(y, p))
    assert checks._lesson03_bce_clipped(y, p) == pytest.approx(expected, rel=1e-5)
    y, z = np.array([1.0, 0.0, 1.0, 0.0]), np.array([2.0, -1.0, -1000.0, 1000.0])
    expected = float(keras.losses.BinaryCrossentropy(from_logits=True)(y, z))
    assert checks._lesson03_bce_from_logits(y, z) == pytest.approx(expected, rel=1e-5)
