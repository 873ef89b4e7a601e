"""Lesson 04 checks: right answers written any way pass; each wrong one gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from learner_answers import assert_right, assert_wrong


@pytest.mark.parametrize("answer", [lambda t, g, r: t - r * g, lambda t, g, r: np.subtract(t, np.multiply(r, g))])
def test_gradient_descent_step_right(answer) -> None:
    assert_right("gradient_descent_step", (answer,), "✓ gradient_descent_step is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda t, g, r: t + r * g, "uphill"),
        (lambda t, g, r: g - r * g, "forgets_theta"),
        (lambda t, g, r: t - g, "no_learning_rate"),
        (lambda t, g, r: t - r, "rate_only"),
        (lambda t, g, r: t - r * t, None),
        (lambda t, g, r: r * g, None),
        (lambda t, g, r: t - g / r, None),
        (lambda t, g, r: -r * g, None),
        (lambda t, g, r: t - r * g ** 2, None),
        (lambda t, g, r: t - r * np.sign(g), "rate_only"),
        (lambda t, g, r: np.mean(t - r * g), None),
    ],
)
def test_gradient_descent_step_wrong(answer, mistake) -> None:
    assert_wrong("gradient_descent_step", (answer,), mistake)


def mse_gradient(w, b, x, y):
    residual = w * x + b - y
    return 2 * np.mean(residual * x), 2 * np.mean(residual)


def mse_gradient_loop(w, b, x, y):
    dw = db = 0.0
    for x_i, y_i in zip(x, y, strict=False):
        dw += 2 * (w * x_i + b - y_i) * x_i / len(x)
        db += 2 * (w * x_i + b - y_i) / len(x)
    return dw, db


@pytest.mark.parametrize("answer", [mse_gradient, mse_gradient_loop, lambda *a: np.array(mse_gradient(*a)), lambda *a: list(mse_gradient(*a))])
def test_mse_gradient_right(answer) -> None:
    assert_right("mse_gradient", (answer,), "✓ mse_gradient is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda w, b, x, y: tuple(v / 2 for v in mse_gradient(w, b, x, y)), "no_factor_two"),
        (lambda w, b, x, y: tuple(-v for v in mse_gradient(w, b, x, y)), "sign_flipped"),
        (lambda w, b, x, y: tuple(v * len(x) for v in mse_gradient(w, b, x, y)), "summed"),
        (lambda w, b, x, y: mse_gradient(w, b, x, y)[::-1], "wrong_order"),
        (lambda w, b, x, y: (mse_gradient(w, b, x, y)[1],) * 2, "no_x"),
        (lambda w, b, x, y: mse_gradient(w, b, x, y)[0], None),
        (lambda w, b, x, y: (2 * np.mean((w * x + b - y) * x), 2 * np.mean(w * x + b - y) * 2), None),
        (lambda w, b, x, y: (np.mean((w * x + b - y) ** 2), 0.0), None),
        (lambda w, b, x, y: (2 * (w * x + b - y) * x, 2 * (w * x + b - y)), None),
        (lambda w, b, x, y: (2 * np.mean((w * x - y) * x), 2 * np.mean(w * x - y)), None),
        (lambda w, b, x, y: ("dw", "db"), "text"),
    ],
)
def test_mse_gradient_wrong(answer, mistake) -> None:
    assert_wrong("mse_gradient", (answer,), mistake)


def momentum(t, g, v, r, beta):
    v = beta * v + g
    return t - r * v, v


@pytest.mark.parametrize("answer", [momentum, lambda t, g, v, r, beta: (t - r * (beta * v + g), beta * v + g)])
def test_momentum_right(answer) -> None:
    assert_right("momentum_step_classic", (answer,), "✓ momentum_step_classic is correct on 3 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda t, g, v, r, beta: (t - r * v, beta * v + g), "old_velocity"),
        (lambda t, g, v, r, beta: (t - r * g, g), "no_memory"),
        (lambda t, g, v, r, beta: (t + beta * v - r * g, beta * v - r * g), "keras_form"),
        (lambda t, g, v, r, beta: (t + r * (beta * v + g), beta * v + g), "uphill"),
        (lambda t, g, v, r, beta: momentum(t, g, v, r, beta)[::-1], "wrong_order"),
        (lambda t, g, v, r, beta: momentum(t, g, v, r, beta)[0], None),
        (lambda t, g, v, r, beta: (t - r * (v + beta * g), v + beta * g), None),
        (lambda t, g, v, r, beta: (t - r * ((1 - beta) * v + g), (1 - beta) * v + g), None),
        (lambda t, g, v, r, beta: (t - (beta * v + g), beta * v + g), None),
        (lambda t, g, v, r, beta: (t - r * (beta * v + r * g), beta * v + r * g), None),
        (lambda t, g, v, r, beta: (t - r * beta * v, beta * v), None),
    ],
)
def test_momentum_wrong(answer, mistake) -> None:
    assert_wrong("momentum_step_classic", (answer,), mistake)
