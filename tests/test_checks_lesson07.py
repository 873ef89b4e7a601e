"""Unit tests of lesson 07's answer checks: ✓ for a right answer, a hint for a wrong one."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras
import numpy as np
import pytest
import tensorflow as tf

from helpers import checks
from learner_answers import NOT_IMPLEMENTED, not_implemented, returns_none

# Load tf.data completely now: TensorFlow imports parts of it lazily, and a lazy import first
# triggered inside a check (which turns errors into hints) would hide the real traceback.
tf.data.Dataset.range(1)

def crashes(*args):
    return 1 / 0


# --- Exercise 1 · dense_parameter_count ---------------------------------------


def test_dense_parameter_count_correct(capsys):
    checks.dense_parameter_count(lambda n_inputs, n_units: n_inputs * n_units + n_units)
    assert capsys.readouterr().out.startswith("✓ dense_parameter_count is correct on 5")


@pytest.mark.parametrize(
    ("answer", "expected_hint"),
    [
        (lambda n_inputs, n_units: n_inputs * n_units, "each unit also has one bias"),
        (lambda n_inputs, n_units: n_inputs * n_units + n_inputs, "one bias per unit"),
        (lambda n_inputs, n_units: (n_inputs + 1) * (n_units + 1), "plus one bias per unit"),
    ],
)
def test_dense_parameter_count_wrong(capsys, answer, expected_hint):
    checks.dense_parameter_count(answer)
    out = capsys.readouterr().out
    assert out.startswith("✗ dense_parameter_count(784, 128) returned")
    assert expected_hint in out


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (not_implemented, NOT_IMPLEMENTED),
        (returns_none, "returned None. Did you forget `return`?"),
        (crashes, "raised ZeroDivisionError"),
        (42, "expected a function"),
    ],
)
def test_dense_parameter_count_unfinished(capsys, answer, expected):
    checks.dense_parameter_count(answer)
    assert expected in capsys.readouterr().out


# --- Exercise 2 · build_my_model ----------------------------------------------


def make_model(*hidden_units, flatten=True, last_activation="softmax", outputs=10):
    layers = [keras.Input((28, 28))]
    if flatten:
        layers.append(keras.layers.Flatten())
    layers += [keras.layers.Dense(units, activation="relu") for units in hidden_units]
    layers.append(keras.layers.Dense(outputs, activation=last_activation))
    return keras.Sequential(layers)


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        ((256,), "784 → 256 → 10, 203,530 parameters (the baseline has 101,770)"),
        ((128, 64), "784 → 128 → 64 → 10, 109,386 parameters"),
    ],
)
def test_build_my_model_correct(capsys, units, expected):
    checks.build_my_model(lambda: make_model(*units))
    out = capsys.readouterr().out
    assert out.startswith("✓ build_my_model returns a valid model that differs from the baseline")
    assert expected in out


def test_build_my_model_accepts_a_compiled_model(capsys):
    def build():
        model = make_model(32)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model

    checks.build_my_model(build)
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: make_model(128), "returns the baseline model itself"),
        (lambda: make_model(64, flatten=False), "add keras.layers.Flatten()"),
        (lambda: make_model(64, last_activation="relu"), "activation='softmax'"),
        (lambda: make_model(64, outputs=9), "expected (10,)"),
        (
            lambda: keras.Sequential([keras.Input((784,)), keras.layers.Dense(10)]),
            "could not take a batch of 28×28 images",
        ),
        (lambda: [keras.layers.Dense(10)], "not a Keras model"),
    ],
)
def test_build_my_model_wrong(capsys, build, expected):
    checks.build_my_model(build)
    out = capsys.readouterr().out
    assert out.startswith("✗")
    assert expected in out


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (not_implemented, NOT_IMPLEMENTED),
        (returns_none, "returned None. Did you forget `return`?"),
        (crashes, "raised ZeroDivisionError"),
        (make_model(64), "expected a function"),
    ],
)
def test_build_my_model_unfinished(capsys, answer, expected):
    checks.build_my_model(answer)
    assert expected in capsys.readouterr().out


# --- Exercise 3 · train_and_report --------------------------------------------


@pytest.fixture(scope="module")
def tiny_digits():
    """Easy fake 'digits': class k lights up rows 2k and 2k + 1."""
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, size=400).astype(np.uint8)
    images = rng.uniform(0, 0.1, size=(400, 28, 28)).astype(np.float32)
    for k in range(10):
        images[labels == k, 2 * k : 2 * k + 2, :] = 1.0
    return images[:300], labels[:300], images[300:], labels[300:]


def train_and_report_solution(model, x_train, y_train, x_test, y_test):
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=1, batch_size=32, verbose=0)
    return model.evaluate(x_test, y_test, verbose=0)[1]


def test_train_and_report_correct(capsys, tiny_digits):
    checks.train_and_report(train_and_report_solution, lambda: make_model(32), *tiny_digits)
    out = capsys.readouterr().out
    assert out.startswith("✓ train_and_report trained your model (784 → 32 → 10)")
    assert "reported its test accuracy correctly" in out


def test_train_and_report_falls_back_to_the_baseline(capsys, tiny_digits):
    checks.train_and_report(train_and_report_solution, not_implemented, *tiny_digits)
    out = capsys.readouterr().out
    assert out.startswith("✓ train_and_report trained the baseline model")
    assert "784 → 128 → 10" in out


def fit_then(report):
    def answer(model, x_train, y_train, x_test, y_test):
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=1, batch_size=32, verbose=0)
        return report(model, x_train, y_train, x_test, y_test)

    return answer


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (fit_then(lambda m, xt, yt, xs, ys: m.evaluate(xs, ys, verbose=0)), "return only the accuracy"),
        (
            fit_then(lambda m, xt, yt, xs, ys: 100 * m.evaluate(xs, ys, verbose=0)[1]),
            "looks like a percentage",
        ),
        (
            fit_then(lambda m, xt, yt, xs, ys: m.evaluate(xt, yt, verbose=0)[1]),
            "evaluate on x_test, y_test",
        ),
        (fit_then(lambda m, xt, yt, xs, ys: 0.123), "but the trained model's test accuracy is"),
        (fit_then(lambda m, xt, yt, xs, ys: "high"), "expected one number"),
        (lambda m, xt, yt, xs, ys: 0.5, "weights did not change"),
        (lambda m, xt, yt, xs, ys: m.fit(xt, yt, verbose=0), "raised"),
    ],
)
def test_train_and_report_wrong(capsys, tiny_digits, answer, expected):
    checks.train_and_report(answer, lambda: make_model(16), *tiny_digits)
    out = capsys.readouterr().out
    assert out.startswith("✗")
    assert expected in out


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (not_implemented, NOT_IMPLEMENTED),
        (returns_none, "returned None. Did you forget `return`?"),
        (crashes, "raised ZeroDivisionError"),
        (None, "expected a function"),
    ],
)
def test_train_and_report_unfinished(capsys, tiny_digits, answer, expected):
    checks.train_and_report(answer, not_implemented, *tiny_digits)
    assert expected in capsys.readouterr().out


def test_build_my_model_rejects_the_baseline_with_or_without_rescaling(capsys):
    def baseline_with_rescaling():
        return keras.Sequential([
            keras.Input((28, 28)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])

    checks.build_my_model(baseline_with_rescaling)
    assert capsys.readouterr().out.startswith("✗")
