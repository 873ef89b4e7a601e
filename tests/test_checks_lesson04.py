"""Lesson 04 checks: a ✓ for right answers, the matching hint for each typical mistake."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from learner_answers import not_implemented, returns_none, run_check as run


def crashes(*args):
    return args[0] / "text"


# --- Exercise 1 · gradient_descent_step ----------------------------------------


def gd_step(theta, gradient, learning_rate):
    return theta - learning_rate * gradient


def test_gradient_descent_step_correct(capsys) -> None:
    assert run(capsys, checks.gradient_descent_step, gd_step) == (
        "✓ gradient_descent_step is correct on 3 test inputs."
    )


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda theta, g, rate: theta + rate * g, "The gradient points up the slope: subtract it."),
        (lambda theta, g, rate: g - rate * g, "'grad − α·grad' forgets where you are."),
        (lambda theta, g, rate: theta - g, "multiply the gradient by learning_rate"),
        (lambda theta, g, rate: theta - rate, "not the learning rate alone."),
        (lambda theta, g, rate: theta * 0, "return theta - learning_rate * gradient."),
    ],
)
def test_gradient_descent_step_mistakes_get_their_hint(capsys, wrong, hint) -> None:
    out = run(capsys, checks.gradient_descent_step, wrong)
    assert out.startswith("✗ gradient_descent_step(3.0, 2.0, 0.1) returned"), out
    assert hint in out


def test_gradient_descent_step_names_the_expected_value(capsys) -> None:
    out = run(capsys, checks.gradient_descent_step, lambda theta, g, rate: theta + rate * g)
    assert "returned 3.2; expected 2.8." in out


@pytest.mark.parametrize(
    ("answer", "start"),
    [
        (not_implemented, "… gradient_descent_step is not implemented yet"),
        (
            returns_none,
            "✗ gradient_descent_step(3.0, 2.0, 0.1) returned None. Did you forget `return`?",
        ),
        (crashes, "✗ gradient_descent_step(3.0, 2.0, 0.1) raised TypeError"),
        ("not a function", "✗ expected a function for gradient_descent_step"),
    ],
)
def test_gradient_descent_step_broken_answers_do_not_crash(capsys, answer, start) -> None:
    assert run(capsys, checks.gradient_descent_step, answer).startswith(start)


# --- Exercise 2 · mse_gradient ---------------------------------------------------


def mse_gradient(w, b, x, y):
    residual = w * x + b - y
    return 2 * np.mean(residual * x), 2 * np.mean(residual)


def test_mse_gradient_correct(capsys) -> None:
    assert (
        run(capsys, checks.mse_gradient, mse_gradient)
        == "✓ mse_gradient is correct on 3 test inputs."
    )


def test_mse_gradient_accepts_a_list_or_array(capsys) -> None:
    def as_array(w, b, x, y):
        return np.array(mse_gradient(w, b, x, y))

    assert run(capsys, checks.mse_gradient, as_array).startswith("✓")


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (
            lambda w, b, x, y: tuple(g / 2 for g in mse_gradient(w, b, x, y)),
            "brings down a factor 2",
        ),
        (lambda w, b, x, y: tuple(-g for g in mse_gradient(w, b, x, y)), "the sign is flipped"),
        (
            lambda w, b, x, y: tuple(g * len(x) for g in mse_gradient(w, b, x, y)),
            "average over the examples",
        ),
        (lambda w, b, x, y: mse_gradient(w, b, x, y)[::-1], "in the order (dL_dw, dL_db)"),
        (lambda w, b, x, y: (mse_gradient(w, b, x, y)[1],) * 2, "multiplied by its x"),
        (lambda w, b, x, y: (0.0, 0.0), "residual = w * x + b - y"),
    ],
)
def test_mse_gradient_mistakes_get_their_hint(capsys, wrong, hint) -> None:
    out = run(capsys, checks.mse_gradient, wrong)
    assert out.startswith("✗ mse_gradient("), out
    assert hint in out


def test_mse_gradient_single_number_is_explained(capsys) -> None:
    out = run(capsys, checks.mse_gradient, lambda w, b, x, y: 2 * np.mean(w * x + b - y))
    assert "returned -8.0; expected 2 values (-18.6667, -8.0)." in out


@pytest.mark.parametrize(
    ("answer", "start"),
    [
        (not_implemented, "… mse_gradient is not implemented yet"),
        (
            returns_none,
            "✗ mse_gradient(0.0, 0.0, [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]) returned None. "
            "Did you forget `return`?",
        ),
        (crashes, "✗ mse_gradient(0.0, 0.0, [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]) raised TypeError"),
        ("not a function", "✗ expected a function for mse_gradient"),
    ],
)
def test_mse_gradient_broken_answers_do_not_crash(capsys, answer, start) -> None:
    out = run(capsys, checks.mse_gradient, answer)
    assert out.startswith(start), out


# --- Exercise 3 · momentum_step_classic ---------------------------------------------


def momentum_classic(theta, gradient, velocity, learning_rate, beta):
    velocity = beta * velocity + gradient
    return theta - learning_rate * velocity, velocity


def test_momentum_step_classic_correct(capsys) -> None:
    assert run(capsys, checks.momentum_step_classic, momentum_classic) == (
        "✓ momentum_step_classic is correct on 3 test inputs."
    )


def test_momentum_step_classic_follows_the_keras_form_path() -> None:
    """The classic form's velocity is the Keras velocity divided by −α: same path."""
    theta_a = theta_b = np.array([1.0, -2.0])
    velocity_a = velocity_b = np.zeros(2)
    for gradient in [np.array([0.5, 4.0]), np.array([-1.0, 2.0]), np.array([0.3, 0.0])]:
        theta_a, velocity_a = momentum_classic(theta_a, gradient, velocity_a, 0.1, 0.9)
        velocity_b = 0.9 * velocity_b - 0.1 * gradient
        theta_b = theta_b + velocity_b
    np.testing.assert_allclose(theta_a, theta_b)


def wrong_old_velocity(theta, gradient, velocity, rate, beta):
    return theta - rate * velocity, beta * velocity + gradient


def wrong_no_beta(theta, gradient, velocity, rate, beta):
    return theta - rate * gradient, gradient


def wrong_keras_form(theta, gradient, velocity, rate, beta):
    velocity = beta * velocity - rate * gradient
    return theta + velocity, velocity


def wrong_uphill(theta, gradient, velocity, rate, beta):
    velocity = beta * velocity + gradient
    return theta + rate * velocity, velocity


def wrong_only_theta(theta, gradient, velocity, rate, beta):
    return theta - rate * (beta * velocity + gradient)


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (wrong_old_velocity, "move theta with the NEW velocity"),
        (wrong_no_beta, "the velocity must remember past steps"),
        (wrong_keras_form, "that is the other convention"),
        (wrong_uphill, "theta moves downhill"),
        (wrong_only_theta, "expected 2 values"),
    ],
)
def test_momentum_step_classic_mistakes_get_their_hint(capsys, wrong, hint) -> None:
    out = run(capsys, checks.momentum_step_classic, wrong)
    assert out.startswith("✗ momentum_step_classic("), out
    assert hint in out


@pytest.mark.parametrize(
    ("answer", "start"),
    [
        (not_implemented, "… momentum_step_classic is not implemented yet"),
        (returns_none, "✗ momentum_step_classic("),
        (crashes, "✗ momentum_step_classic("),
    ],
)
def test_momentum_step_classic_broken_answers_do_not_crash(capsys, answer, start) -> None:
    out = run(capsys, checks.momentum_step_classic, answer)
    assert out.startswith(start), out
    if answer is returns_none:
        assert out.endswith("returned None. Did you forget `return`?")


@pytest.mark.parametrize(
    ("check", "answer", "hint"),
    [
        (
            checks.gradient_descent_step,
            lambda theta, g, rate: float(theta - rate * g),  # fine for numbers, crashes on arrays
            "Hint: return theta - learning_rate * gradient.",
        ),
        (checks.mse_gradient, crashes, "Hint: residual = w * x + b - y;"),
        (checks.momentum_step_classic, crashes, "Hint: velocity = beta * velocity + gradient;"),
    ],
)
def test_a_crash_gets_the_formula_hint(capsys, check, answer, hint) -> None:
    out = run(capsys, check, answer)
    assert out.startswith("✗") and " raised " in out, out
    assert hint in out
