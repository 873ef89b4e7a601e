"""Lesson 08 checks: right answers written any way pass; each wrong one gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checks.lesson08 import stopping
from learner_answers import assert_right, assert_wrong

keras = pytest.importorskip("keras")


def dropout_model(rate, *, rescale=1 / 255, flatten=True, hidden=("relu", 128), dropout_first=False, last="softmax", extra=None):
    layers = [keras.Input((28, 28))]
    if rescale is not None:
        layers.append(keras.layers.Rescaling(rescale))
    if flatten:
        layers.append(keras.layers.Flatten())
    if dropout_first:
        layers.append(keras.layers.Dropout(rate))
    layers.append(keras.layers.Dense(hidden[1], activation=hidden[0]))
    if not dropout_first:
        layers.append(keras.layers.Dropout(rate))
    if extra:
        layers.append(extra)
    layers.append(keras.layers.Dense(10, activation=last))
    return keras.Sequential(layers)


def test_build_dropout_model_right() -> None:
    assert_right("build_dropout_model", (dropout_model,),
                 "✓ build_dropout_model builds the right model for rates 0.3 and 0.5: Dropout between the Dense layers, 101,770 parameters.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        # Each of these three used to pass.
        (lambda rate: dropout_model(rate, rescale=255), "rescaling_scale"),
        (lambda rate: dropout_model(rate, hidden=(None, 128)), "hidden_layer"),
        (lambda rate: dropout_model(rate, hidden=("sigmoid", 128)), "hidden_layer"),
        # A missing Flatten used to get a parameter-count hint; a model instead of the function, Keras' error.
        (lambda rate: dropout_model(rate, flatten=False), "no_flatten"),
        (dropout_model(0.5), "not_a_function"),
        (lambda rate: dropout_model(rate, rescale=None), "no_rescaling"),
        (lambda rate: dropout_model(0.5), "fixed_rate"),
        (lambda rate: dropout_model(rate, dropout_first=True), "order"),
        (lambda rate: dropout_model(rate, hidden=("relu", 64)), "hidden_layer"),
        (lambda rate: dropout_model(rate, extra=keras.layers.Dropout(rate)), "dropout_count"),
        (lambda rate: dropout_model(rate, last="sigmoid"), "not_probabilities"),
        (lambda rate: keras.layers.Dropout(rate), "not_a_model"),
        (lambda rate: dropout_model(rate, extra=keras.layers.Dense(32, activation="relu")), "order"),
    ],
)
def test_build_dropout_model_wrong(answer, mistake) -> None:
    assert_wrong("build_dropout_model", (answer,), mistake)


def early_stopping_while(val_losses, patience):
    best, best_epoch, epoch = np.inf, 0, 0
    while epoch < len(val_losses):
        epoch += 1
        if val_losses[epoch - 1] < best:
            best, best_epoch = val_losses[epoch - 1], epoch
        elif epoch - best_epoch == patience:
            break
    return epoch, best_epoch


@pytest.mark.parametrize("answer", [
    stopping, early_stopping_while,
    # An array where a tuple is expected used to be rejected.
    lambda losses, patience: np.array(stopping(losses, patience)),
    lambda losses, patience: list(stopping(losses, patience)),
])
def test_early_stopping_epochs_right(answer) -> None:
    assert_right("early_stopping_epochs", (answer,), "✓ early_stopping_epochs is correct on 5 loss histories.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda losses, p: tuple(e - 1 for e in stopping(losses, p)), "zero_based"),
        # `>` for `>=` used to get the wrong diagnosis.
        (lambda losses, p: stopping(losses, p, waited=int.__gt__), "waits_too_long"),
        (lambda losses, p: stopping(losses, p, improves=float.__le__), "equal_improves"),
        (lambda losses, p: (stopping(losses, p)[0], int(np.argmin(losses)) + 1), "best_overall"),
        (lambda losses, p: (len(losses), stopping(losses, p)[1]), "never_stops"),
        (lambda losses, p: stopping(losses, p)[::-1], "wrong_order"),
        (lambda losses, p: stopping(losses, p)[0], None),
        (lambda losses, p: ("6", "3"), "text"),
        (lambda losses, p: (stopping(losses, p)[0], stopping(losses, p)[0] - p), None),
        (lambda losses, p: (stopping(losses, p)[0] + 1, stopping(losses, p)[1]), "never_stops"),
        (lambda losses, p: (int(np.argmin(losses)) + 1 + p, int(np.argmin(losses)) + 1), None),
    ],
)
def test_early_stopping_epochs_wrong(answer, mistake) -> None:
    assert_wrong("early_stopping_epochs", (answer,), mistake)


@pytest.mark.parametrize("answer", [lambda k, c, f: (k * k * c + 1) * f, lambda k, c, f: k ** 2 * c * f + f,
                                    lambda k, c, f: keras.layers.Conv2D(f, k).count_params() if False else f * (c * k * k + 1)])
def test_conv2d_parameter_count_right(answer) -> None:
    assert_right("conv2d_parameter_count", (answer,), "✓ conv2d_parameter_count is correct on 6 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda k, c, f: k * k * c * f, "no_bias"),
        (lambda k, c, f: (k * k + 1) * f, "no_channels"),
        (lambda k, c, f: (k * c + 1) * f, "not_squared"),
        (lambda k, c, f: (k * k + 1) * c * f, "bias_per_channel"),
        (lambda k, c, f: str((k * k * c + 1) * f), "text"),
        (lambda k, c, f: (k * k * c + 1) * f + 1, None),
        (lambda k, c, f: k * k * c + f, None),
        (lambda k, c, f: (k * k * f + 1) * c, None),
        (lambda k, c, f: (2 * k * c + 1) * f, None),
        (lambda k, c, f: k * c * f, None),
        (lambda k, c, f: None, None),
    ],
)
def test_conv2d_parameter_count_wrong(answer, mistake) -> None:
    if answer(1, 1, 1) is None:
        return  # "Did you forget `return`?" has no hint: the contract test covers it
    assert_wrong("conv2d_parameter_count", (answer,), mistake)


def test_conv2d_hint_names_the_failing_kernel_size() -> None:
    printed = assert_wrong("conv2d_parameter_count", (lambda k, c, f: (k * c + 1) * f,), "not_squared")
    assert "conv2d_parameter_count(5, 1, 32)" in printed and "5×5" in printed and "3×3" not in printed


def test_a_nan_count_gets_no_advice_about_log_or_exp() -> None:
    printed = assert_wrong("conv2d_parameter_count", (lambda k, c, f: float("nan"),), None)
    assert "returned NaN" in printed and "log(0)" not in printed and "exp" not in printed
