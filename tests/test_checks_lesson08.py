"""Unit tests of the lesson 08 checks: right answers pass, typical mistakes get their hint,
unsolved stubs say "not implemented yet", and no learner error escapes as a traceback."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras
import numpy as np
import pytest

from helpers import checks
from helpers.checks import _LESSON08_EARLY_STOPPING_CASES, _lesson08_early_stopping_epochs
from learner_answers import NOT_IMPLEMENTED, not_implemented, printed_line, returns_none


def _raises(*args):
    raise ValueError("oops")


# --- build_dropout_model ------------------------------------------------------


def _dropout_model(rate, *, rescale=True, dropout_position="middle", hidden=128):
    layers = [keras.Input((28, 28))]
    if rescale:
        layers.append(keras.layers.Rescaling(1 / 255))
    layers += [keras.layers.Flatten(), keras.layers.Dense(hidden, activation="relu")]
    if dropout_position == "middle":
        layers.append(keras.layers.Dropout(rate))
    layers.append(keras.layers.Dense(10, activation="softmax"))
    if dropout_position == "end":
        layers.append(keras.layers.Dropout(rate))
    return keras.Sequential(layers)


def test_build_dropout_model_right(capsys):
    checks.build_dropout_model(_dropout_model)
    assert printed_line(capsys).startswith("✓ build_dropout_model builds the right model")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (lambda rate: _dropout_model(0.5), "pass the argument on"),
        (lambda rate: _dropout_model(rate, rescale=False), "no Rescaling layer"),
        (lambda rate: _dropout_model(rate, dropout_position="end"), "never the 10 outputs"),
        (lambda rate: _dropout_model(rate, dropout_position="none"), "0 Dropout layers"),
        (lambda rate: _dropout_model(rate, hidden=64), "101,770"),
        (lambda rate: 3, "not a Keras model"),
    ],
)
def test_build_dropout_model_wrong(capsys, answer, expected):
    checks.build_dropout_model(answer)
    text = printed_line(capsys)
    assert text.startswith("✗") and expected in text


def test_build_dropout_model_unsolved_and_broken(capsys):
    checks.build_dropout_model(not_implemented)
    assert NOT_IMPLEMENTED in printed_line(capsys)
    checks.build_dropout_model(returns_none)
    assert "Did you forget `return`?" in printed_line(capsys)
    checks.build_dropout_model(_raises)
    assert "raised ValueError: oops" in printed_line(capsys)
    checks.build_dropout_model(_dropout_model(0.3))  # the model instead of the function
    assert printed_line(capsys).startswith("✗")


# --- early_stopping_epochs ----------------------------------------------------


@pytest.mark.parametrize(("losses", "patience"), _LESSON08_EARLY_STOPPING_CASES)
def test_early_stopping_reference_matches_keras(losses, patience):
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    callback = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience)
    callback.set_model(model)
    model.stop_training = False
    callback.on_train_begin()
    for epoch, loss in enumerate(losses):
        callback.on_epoch_end(epoch, {"val_loss": loss})
        if model.stop_training:
            break
    keras_result = (epoch + 1, callback.best_epoch + 1)
    assert _lesson08_early_stopping_epochs(losses, patience) == keras_result


def test_early_stopping_epochs_right(capsys):
    checks.early_stopping_epochs(_lesson08_early_stopping_epochs)
    assert printed_line(capsys).startswith("✓ early_stopping_epochs is correct on 5 loss histories")


def _zero_based(losses, patience):
    stop, best = _lesson08_early_stopping_epochs(losses, patience)
    return stop - 1, best - 1


def _argmin_of_all(losses, patience):
    stop, _ = _lesson08_early_stopping_epochs(losses, patience)
    return stop, int(np.argmin(losses)) + 1


def _last_minimum(losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(losses, start=1):
        if loss <= best_loss:
            best_loss, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return epoch, best_epoch
    return len(losses), best_epoch


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (_zero_based, "count epochs from 1"),
        (_argmin_of_all, "never sees the epochs after it stopped"),
        (_last_minimum, "an equal loss is not an improvement"),
        (lambda losses, patience: 3, "expected two numbers"),
        (lambda losses, patience: ("a", "b"), "expected (6, 3)"),
        (lambda losses, patience: (len(losses), 1), "go through the losses in order"),
    ],
)
def test_early_stopping_epochs_wrong(capsys, answer, expected):
    checks.early_stopping_epochs(answer)
    text = printed_line(capsys)
    assert text.startswith("✗") and expected in text


def test_early_stopping_epochs_unsolved_and_broken(capsys):
    checks.early_stopping_epochs(not_implemented)
    assert NOT_IMPLEMENTED in printed_line(capsys)
    checks.early_stopping_epochs(returns_none)
    assert "Did you forget `return`?" in printed_line(capsys)
    checks.early_stopping_epochs(_raises)
    assert "raised ValueError: oops" in printed_line(capsys)
    checks.early_stopping_epochs(None)
    assert "expected a function" in printed_line(capsys)


# --- conv2d_parameter_count ---------------------------------------------------


@pytest.mark.parametrize(
    ("kernel_size", "in_channels", "filters"), [(5, 1, 32), (3, 1, 32), (3, 32, 32), (5, 3, 64)]
)
def test_conv2d_reference_matches_keras(kernel_size, in_channels, filters):
    layer = keras.layers.Conv2D(filters, kernel_size)
    layer.build((None, 28, 28, in_channels))
    expected = (kernel_size * kernel_size * in_channels + 1) * filters
    assert layer.count_params() == expected


def test_conv2d_parameter_count_right(capsys):
    checks.conv2d_parameter_count(lambda k, c, f: (k * k * c + 1) * f)
    assert printed_line(capsys) == "✓ conv2d_parameter_count is correct on 6 test inputs.\n"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (lambda k, c, f: k * k * c * f, "each filter also has one bias"),
        (lambda k, c, f: (k * k + 1) * f, "a filter spans all input channels"),
        (lambda k, c, f: (k * c + 1) * f, "square the kernel size"),
        (lambda k, c, f: (k * k * c + 1) * f + 1, "(kernel_size × kernel_size × in_channels + 1)"),
        (lambda k, c, f: "160", "expected numbers"),
    ],
)
def test_conv2d_parameter_count_wrong(capsys, answer, expected):
    checks.conv2d_parameter_count(answer)
    text = printed_line(capsys)
    assert text.startswith("✗") and expected in text


def test_conv2d_parameter_count_unsolved_and_broken(capsys):
    checks.conv2d_parameter_count(not_implemented)
    assert NOT_IMPLEMENTED in printed_line(capsys)
    checks.conv2d_parameter_count(returns_none)
    assert "Did you forget `return`?" in printed_line(capsys)
    checks.conv2d_parameter_count(_raises)
    assert "raised ValueError: oops" in printed_line(capsys)
