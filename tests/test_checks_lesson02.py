"""Lesson 02 checks: right answers written any way pass; each wrong one gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from learner_answers import assert_right, assert_wrong, sigmoid, softmax


def stable_sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def softplus(z):
    return np.logaddexp(0.0, z)


def softplus_branches(z):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


@pytest.mark.parametrize(("f", "g"), [(softplus, stable_sigmoid), (softplus_branches, stable_sigmoid)])
def test_softplus_right(f, g) -> None:
    assert_right("softplus", (f, g), "✓ softplus and softplus_grad are correct on 3 test inputs, including z = ±800.")


@pytest.mark.parametrize(
    ("f", "g", "mistake"),
    [
        (lambda z: np.maximum(z, 0.0), stable_sigmoid, "relu"),
        (lambda z: np.log(np.exp(z)), stable_sigmoid, "no_one"),
        (lambda z: np.log(1 + np.exp(z)), stable_sigmoid, None),  # overflows at z = 800
        (lambda z: np.log(1 + np.exp(-z)), stable_sigmoid, None),
        (lambda z: np.exp(z), stable_sigmoid, None),
        (softplus, softplus, "softplus_itself"),
        (softplus, lambda z: stable_sigmoid(z) * (1 - stable_sigmoid(z)), "sigmoid_derivative"),
        (softplus, lambda z: np.exp(z) / (1 + np.exp(z)), None),  # inf / inf at z = 800
        (softplus, lambda z: 1 / (1 + np.exp(z)), None),
        (softplus, lambda z: np.tanh(z), None),
        (softplus, lambda z: np.log(stable_sigmoid(z)), None),
    ],
)
def test_softplus_wrong(f, g, mistake) -> None:
    assert_wrong("softplus", (f, g), mistake)


def softmax_backward(z, upstream):
    p = softmax(np.asarray(z, dtype=float))
    return p * upstream - p * np.dot(p, upstream)


def softmax_backward_jacobian(z, upstream):
    p = softmax(np.asarray(z, dtype=float))
    return (np.diag(p) - np.outer(p, p)).T @ upstream


@pytest.mark.parametrize("answer", [softmax_backward, softmax_backward_jacobian])
def test_softmax_backward_right(answer) -> None:
    assert_right("softmax_backward", (answer,), "✓ softmax_backward is correct on 3 test inputs, including scores around 1000.")


def unstable_softmax(z):
    return np.exp(z) / np.exp(z).sum()


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda z, g: softmax(z) * g, "diagonal_only"),
        (lambda z, g: softmax(z) * g - np.dot(softmax(z), g), "second_term_without_p"),
        (lambda z, g: softmax(z) * (1 - softmax(z)), "upstream_ignored"),
        (lambda z, g: unstable_softmax(z) * g - unstable_softmax(z) * np.dot(unstable_softmax(z), g), None),
        (lambda z, g: softmax(z) * g + softmax(z) * np.dot(softmax(z), g), None),
        (lambda z, g: softmax(z) - g, None),
        (lambda z, g: np.outer(softmax(z), softmax(z)) @ g, None),
        (lambda z, g: np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)), None),
        (lambda z, g: (np.diag(softmax(z)) - np.outer(softmax(z), softmax(z))) @ np.ones_like(g), None),
        (lambda z, g: softmax(g) * z - softmax(g) * np.dot(softmax(g), z), None),
        (lambda z, g: float(np.sum(softmax(z) * g)), None),
    ],
)
def test_softmax_backward_wrong(answer, mistake) -> None:
    assert_wrong("softmax_backward", (answer,), mistake)


def silu_grad(z):
    s = stable_sigmoid(z)
    return s + z * s * (1 - s)


def silu_grad_numeric(z):
    h = 1e-5
    return ((z + h) * stable_sigmoid(z + h) - (z - h) * stable_sigmoid(z - h)) / (2 * h)


@pytest.mark.parametrize("answer", [silu_grad, silu_grad_numeric, lambda z: stable_sigmoid(z) * (1 + z * (1 - stable_sigmoid(z)))])
def test_silu_grad_right(answer) -> None:
    assert_right("silu_grad", (answer,), "✓ silu_grad is correct on 2 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda z: stable_sigmoid(z), "first_term_only"),
        (lambda z: z * stable_sigmoid(z) * (1 - stable_sigmoid(z)), "second_term_only"),
        (lambda z: stable_sigmoid(z) * (1 - stable_sigmoid(z)), "sigmoid_derivative"),
        (lambda z: z * stable_sigmoid(z), "silu_itself"),
        (lambda z: stable_sigmoid(z) - z * stable_sigmoid(z) * (1 - stable_sigmoid(z)), None),
        (lambda z: stable_sigmoid(z) + stable_sigmoid(z) * (1 - stable_sigmoid(z)), None),
        (lambda z: stable_sigmoid(z) + z * stable_sigmoid(z), None),
        (lambda z: 1 + z * stable_sigmoid(z) * (1 - stable_sigmoid(z)), None),
        (lambda z: np.where(z > 0, 1.0, 0.0), None),
        (lambda z: stable_sigmoid(z) + z * (1 - stable_sigmoid(z)), None),
        (lambda z: sigmoid(-z) + z * sigmoid(z) * (1 - sigmoid(z)), None),
    ],
)
def test_silu_grad_wrong(answer, mistake) -> None:
    assert_wrong("silu_grad", (answer,), mistake)
