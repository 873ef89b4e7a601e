"""Lesson 04 · gradient descent: references, known mistakes and hints for its exercises."""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import Hints, Mistake, Verdict, check_cases

HINTS = {
    "gradient_descent_step": Hints(
        "the gradient points uphill; one step moves theta a little the opposite way, by an "
        "amount the learning rate sets",
        "return theta - learning_rate * gradient.",
    ),
    "mse_gradient": Hints(
        "differentiate the mean of (w·x + b − y)² with respect to w, then to b, one at a "
        "time; by the chain rule the inner derivative is x for w and 1 for b",
        "residual = w * x + b - y; return 2 * np.mean(residual * x), 2 * np.mean(residual).",
    ),
    "momentum_step_classic": Hints(
        "in this convention the velocity adds up the raw gradients, fading the old ones by "
        "beta; the learning rate is applied only when theta moves, with the new velocity",
        "velocity = beta * velocity + gradient; theta = theta - learning_rate * velocity; "
        "return theta, velocity.",
    ),
}
TOLERANCES = {"rtol": 1e-6, "atol": 1e-9}


def _array(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=float)


# --- Exercise 1 ---------------------------------------------------------------------------

STEP_CASES = [
    (3.0, 2.0, 0.1),
    (np.array([1.0, -2.0]), np.array([0.5, -4.0]), 0.25),
    (np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[1.0, 1.0], [-1.0, 0.5]]), 0.01),
]
STEP_MISTAKES = [
    Mistake("uphill", lambda t, g, rate: _array(t) + rate * _array(g),
            "that step goes uphill: the gradient points up the slope, so move against it"),
    Mistake("forgets_theta", lambda t, g, rate: _array(g) - rate * _array(g),
            "the new value starts from where you are, theta; 'gradient − rate·gradient' "
            "forgets it"),
    Mistake("no_learning_rate", lambda t, g, rate: _array(t) - _array(g),
            "the learning rate sets how far the step goes: scale the gradient by it"),
    Mistake("rate_only", lambda t, g, rate: _array(t) - rate,
            "the step depends on the gradient, scaled by the learning rate, not on the "
            "learning rate alone"),
]


def gradient_descent_step(function: Any) -> Verdict:
    """``gradient_descent_step(theta, gradient, learning_rate)``: one step θ − α∇L(θ)."""
    return check_cases(
        function, lambda t, g, rate: _array(t) - rate * _array(g), STEP_CASES,
        name="gradient_descent_step", hints=HINTS["gradient_descent_step"],
        mistakes=STEP_MISTAKES, **TOLERANCES,
    )


# --- Exercise 2 ---------------------------------------------------------------------------


def _mse_gradient(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
    residual = w * _array(x) + b - _array(y)
    return float(2 * np.mean(residual * x)), float(2 * np.mean(residual))


def _scaled(factor: float) -> Any:
    def mistake(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
        return tuple(value * factor for value in _mse_gradient(w, b, x, y))

    return mistake


MSE_CASES = [
    (0.0, 0.0, np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])),
    (1.5, -0.5, np.array([-1.0, 0.0, 2.0, 4.0]), np.array([0.0, 1.0, 1.0, 5.0])),
    (-2.0, 3.0, np.linspace(-3.0, 3.0, 7), np.linspace(-3.0, 3.0, 7) ** 2),
]
MSE_MISTAKES = [
    Mistake("no_factor_two", _scaled(0.5),
            "the square brings down a factor 2 when you differentiate it",
            "∂/∂w (ŷ − y)² = 2(ŷ − y)·x, averaged over the examples."),
    Mistake("sign_flipped", _scaled(-1.0),
            "the sign is flipped: the residual is prediction minus target, w·x + b − y"),
    Mistake("summed", lambda w, b, x, y: _scaled(len(x))(w, b, x, y),
            "the loss is a mean, so its gradient averages over the examples too"),
    Mistake("no_x", lambda w, b, x, y: (_mse_gradient(w, b, x, y)[1],) * 2,
            "∂ŷ/∂w = x: each residual in dL_dw is multiplied by its own x"),
]


def mse_gradient(function: Any) -> Verdict:
    """``mse_gradient(w, b, x, y)``: (∂L/∂w, ∂L/∂b) of the mean squared error of y ≈ w·x + b."""
    return check_cases(
        function, _mse_gradient, MSE_CASES, name="mse_gradient", hints=HINTS["mse_gradient"],
        mistakes=MSE_MISTAKES, **TOLERANCES,
    )


# --- Exercise 3 ---------------------------------------------------------------------------


def _momentum(theta: Any, gradient: Any, velocity: Any, rate: float, beta: float) -> Any:
    velocity = beta * _array(velocity) + _array(gradient)
    return _array(theta) - rate * velocity, velocity


def _keras_form(theta: Any, gradient: Any, velocity: Any, rate: float, beta: float) -> Any:
    velocity = beta * _array(velocity) - rate * _array(gradient)
    return _array(theta) + velocity, velocity


MOMENTUM_CASES = [
    (np.array([1.0, -2.0]), np.array([0.5, 4.0]), np.zeros(2), 0.1, 0.9),
    (np.array([1.0, -2.0]), np.array([0.5, 4.0]), np.array([1.0, -1.0]), 0.1, 0.9),
    (np.array([0.3, 0.2, -0.7]), np.array([-1.0, 2.0, 0.0]), np.array([2.0, 0.5, 3.0]), 0.05, 0.5),
]
MOMENTUM_MISTAKES = [
    Mistake("old_velocity",
            lambda t, g, v, rate, beta: (_array(t) - rate * _array(v), beta * _array(v) + g),
            "update the velocity first, then move theta with the NEW velocity"),
    Mistake("no_memory", lambda t, g, v, rate, beta: (_array(t) - rate * _array(g), _array(g)),
            "the velocity must remember past steps: it keeps beta times its old value"),
    Mistake("keras_form", _keras_form,
            "that is the other convention (momentum_step above); here the velocity adds up "
            "raw gradients, and the learning rate is applied when theta moves"),
    Mistake("uphill",
            lambda t, g, v, rate, beta: (2 * _array(t) - _momentum(t, g, v, rate, beta)[0],
                                         _momentum(t, g, v, rate, beta)[1]),
            "theta moves downhill: subtract the step"),
]


def momentum_step_classic(function: Any) -> Verdict:
    """``momentum_step_classic(theta, gradient, velocity, learning_rate, beta)`` → (theta, v)."""
    return check_cases(
        function, _momentum, MOMENTUM_CASES, name="momentum_step_classic",
        hints=HINTS["momentum_step_classic"], mistakes=MOMENTUM_MISTAKES, **TOLERANCES,
    )
