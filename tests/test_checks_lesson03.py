"""Lesson 03 checks: right answers written any way pass; each wrong one gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from learner_answers import assert_right, assert_wrong, sigmoid


@pytest.mark.parametrize("answer", [
    lambda t, p: np.mean(np.abs(t - p)),
    lambda t, p: np.abs(np.asarray(t) - p).sum() / np.size(t),
    lambda t, p: float(np.mean([abs(a - b) for a, b in zip(np.ravel(t), np.ravel(p), strict=False)])),
])
def test_mean_absolute_error_right(answer) -> None:
    assert_right("mean_absolute_error", (answer,), "✓ mean_absolute_error is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda t, p: np.mean(t - p), "no_abs"),
        (lambda t, p: np.mean(p - t), "no_abs_reversed"),
        (lambda t, p: np.mean((t - p) ** 2), "squared"),
        (lambda t, p: np.sum(np.abs(t - p)), "summed"),
        (lambda t, p: np.mean(np.abs(t - p), axis=-1), "last_axis"),
        (lambda t, p: np.abs(np.mean(t - p)), "no_abs_reversed"),
        (lambda t, p: np.mean(np.abs(t) - np.abs(p)), None),
        (lambda t, p: np.median(np.abs(t - p)), None),
        (lambda t, p: np.max(np.abs(t - p)), None),
        (lambda t, p: np.abs(t - p), None),
        (lambda t, p: str(np.mean(np.abs(t - p))), "text"),
    ],
)
def test_mean_absolute_error_wrong(answer, mistake) -> None:
    assert_wrong("mean_absolute_error", (answer,), mistake)


def bce(y_true, p, epsilon=1e-7):
    p = np.clip(p, epsilon, 1 - epsilon)
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def bce_where(y_true, p, epsilon=1e-7):
    p = np.minimum(np.maximum(p, epsilon), 1 - epsilon)
    return float(np.mean(np.where(y_true == 1, -np.log(p), -np.log(1 - p))))


@pytest.mark.parametrize("answer", [bce, bce_where])
def test_bce_clipped_right(answer) -> None:
    assert_right("binary_cross_entropy_clipped", (answer,), "✓ binary_cross_entropy_clipped is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda t, p, epsilon=1e-7: -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)), "not_clipped"),
        # Hard-coding 1e-7 ignores the epsilon the check passes (regression: it used to pass).
        (lambda t, p, epsilon=1e-7: bce(t, p, 1e-7), "fixed_epsilon"),
        (lambda t, p, epsilon=1e-7: -np.mean(t * np.log(np.clip(p, epsilon, 1)) + (1 - t) * np.log(1 - np.clip(p, epsilon, 1))), "lower_end_only"),
        (lambda t, p, epsilon=1e-7: -bce(t, p, epsilon), "no_minus"),
        (lambda t, p, epsilon=1e-7: bce(t, p, epsilon) * len(t), "summed"),
        (lambda t, p, epsilon=1e-7: bce(p, t, epsilon), None),
        (lambda t, p, epsilon=1e-7: -np.mean(t * np.log(np.clip(p, epsilon, 1 - epsilon))), None),
        (lambda t, p, epsilon=1e-7: -np.mean(t * np.log10(np.clip(p, epsilon, 1 - epsilon)) + (1 - t) * np.log10(1 - np.clip(p, epsilon, 1 - epsilon))), None),
        (lambda t, p, epsilon=1e-7: np.mean((t - p) ** 2), None),
        (lambda t, p, epsilon: bce(t, p, epsilon), "raised"),  # no default for epsilon
        (lambda t, p, epsilon=1e-7: bce(t, p + epsilon, epsilon), None),
    ],
)
def test_bce_clipped_wrong(answer, mistake) -> None:
    assert_wrong("binary_cross_entropy_clipped", (answer,), mistake)


def from_logits(y_true, logits):
    return np.mean(np.logaddexp(0, logits) - y_true * logits)


def from_logits_branches(y_true, z):
    return np.mean(np.maximum(z, 0) - z * y_true + np.log1p(np.exp(-np.abs(z))))


@pytest.mark.parametrize("answer", [from_logits, from_logits_branches])
def test_bce_from_logits_right(answer) -> None:
    assert_right("binary_cross_entropy_from_logits", (answer,), "✓ binary_cross_entropy_from_logits is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda y, z: -np.mean(y * np.log(sigmoid(z)) + (1 - y) * np.log(1 - sigmoid(z))), "overflow"),
        # np.mean(..., axis=-1) used to get an unrelated hint.
        (lambda y, z: np.mean(np.logaddexp(0, z) - y * z, axis=-1), "last_axis"),
        (lambda y, z: np.mean(np.logaddexp(0, z) + y * z), "plus_yz"),
        (lambda y, z: np.sum(np.logaddexp(0, z) - y * z), "summed"),
        (lambda y, z: np.mean(np.log(1 + np.exp(z)) - y * z), "overflow"),
        (lambda y, z: np.mean(np.logaddexp(0, -z) - y * z), None),
        (lambda y, z: np.mean(np.logaddexp(0, z)), None),
        (lambda y, z: np.mean(np.logaddexp(0, z) - y), None),
        (lambda y, z: np.logaddexp(0, z) - y * z, None),
        (lambda y, z: np.mean(np.logaddexp(1, z) - y * z), None),
        (lambda y, z: np.mean(np.maximum(z, 0) - y * z), None),
    ],
)
def test_bce_from_logits_wrong(answer, mistake) -> None:
    assert_wrong("binary_cross_entropy_from_logits", (answer,), mistake)
