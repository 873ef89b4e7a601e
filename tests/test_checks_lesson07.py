"""Lesson 07 checks: right answers written any way pass; each wrong one gets its own hint.

Models here train on a few hundred images, so the whole module takes seconds.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from learner_answers import assert_right, assert_wrong

keras = pytest.importorskip("keras")


@pytest.mark.parametrize("answer", [lambda n, u: n * u + u, lambda n, u: (n + 1) * u, lambda n, u: np.int64(n * u + u),
                                    lambda n, u: float(n * u + u)])
def test_dense_parameter_count_right(answer) -> None:
    assert_right("dense_parameter_count", (answer,), "✓ dense_parameter_count is correct on 5 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda n, u: n * u, "weights_only"),
        (lambda n, u: n * u + n, "bias_per_input"),
        # n*u + u + 1 used to get "one bias per unit".
        (lambda n, u: n * u + u + 1, "one_extra"),
        (lambda n, u: (n + 1) * (u + 1), "bias_everywhere"),
        (lambda n, u: n + u, "added"),
        (lambda n, u: str(n * u + u), "text"),
        (lambda n, u: n * u * 2, None),
        (lambda n, u: n ** 2 + u, None),
        (lambda n, u: [n * u, u], None),
        (lambda n, u: n * (u + 1), "bias_per_input"),
        (lambda n, u: (n * u + u) / 1000, None),
    ],
)
def test_dense_parameter_count_wrong(answer, mistake) -> None:
    assert_wrong("dense_parameter_count", (answer,), mistake)


def model(*hidden, rescale=1 / 255, flatten=True, dropout=None, last="softmax"):
    layers = [keras.Input((28, 28))]
    if rescale is not None:
        layers.append(keras.layers.Rescaling(rescale))
    if flatten:
        layers.append(keras.layers.Flatten())
    for units in hidden:
        layers.append(keras.layers.Dense(units, activation="relu"))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(10, activation=last))
    return keras.Sequential(layers)


BASELINE_LINE = "✓ build_my_model returns a valid model that differs from the baseline: 784 → 256 → 10, 203,530 parameters (the baseline has 101,770)."


def test_build_my_model_line_unchanged() -> None:
    assert_right("build_my_model", (lambda: model(256),), BASELINE_LINE)


@pytest.mark.parametrize("answer", [lambda: model(64, 32), lambda: model(32),
                                    # The baseline plus a Dropout used to be rejected.
                                    lambda: model(128, dropout=0.2)])
def test_build_my_model_right(answer) -> None:
    assert_right("build_my_model", (answer,))


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda: model(128), "baseline"),
        # No Rescaling used to pass.
        (lambda: model(256, rescale=None), "no_rescaling"),
        (lambda: model(256, rescale=255), "rescaling_scale"),
        (lambda: model(256, flatten=False), "no_flatten"),
        (lambda: model(256, last="relu"), "not_probabilities"),
        (lambda: keras.Sequential([keras.Input((28, 28)), keras.layers.Rescaling(1 / 255), keras.layers.Flatten(),
                                   keras.layers.Dense(256, activation="relu"), keras.layers.Dense(1, activation="sigmoid")]), "output_shape"),
        (lambda: keras.Sequential([keras.Input((784,)), keras.layers.Rescaling(1 / 255), keras.layers.Flatten(),
                                   keras.layers.Dense(10, activation="softmax")]), "input"),
        (lambda: None, "no_return"),
        (lambda: "model", "not_a_model"),
        (lambda: [keras.layers.Dense(10)], "not_a_model"),
        (model(256), "not_a_function"),
    ],
)
def test_build_my_model_wrong(answer, mistake) -> None:
    if mistake == "no_return":
        assert "Did you forget `return`?" in assert_wrong_or_plain("build_my_model", answer)
        return
    assert_wrong("build_my_model", (answer,), mistake)


def assert_wrong_or_plain(name, answer):
    from learner_answers import replay

    printed, verdict = replay(name, answer)
    assert printed.startswith("✗") and printed.count("\n") == 1
    return printed


rng = np.random.default_rng(0)
X_TRAIN = rng.integers(0, 256, size=(320, 28, 28), dtype=np.uint8)
Y_TRAIN = rng.integers(0, 10, size=320)
X_TEST = rng.integers(0, 256, size=(100, 28, 28), dtype=np.uint8)
Y_TEST = rng.integers(0, 10, size=100)


def compile_adam(m, **kwargs):
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"], run_eagerly=True, **kwargs)


def train(m, x_train, y_train, x_test, y_test):
    compile_adam(m)
    m.fit(x_train, y_train, epochs=1, batch_size=32, verbose=0)
    return m.evaluate(x_test, y_test, verbose=0)[1]


def run_training(answer, build=lambda: model(32)):
    return (answer, build, X_TRAIN, Y_TRAIN, X_TEST, Y_TEST)


def test_train_and_report_right() -> None:
    printed = assert_right("train_and_report", run_training(train))
    assert printed.startswith("✓ train_and_report trained your model (784 → 32 → 10) and reported its test accuracy correctly: ")


def test_train_and_report_falls_back_to_the_baseline_with_rescaling() -> None:
    printed = assert_right("train_and_report", run_training(train, build=lambda: None))
    assert "the baseline model (build_my_model isn't ready)" in printed


def test_train_and_report_restores_the_global_random_state() -> None:
    np.random.seed(123)  # noqa: NPY002 - the global state is what is tested
    random.seed(123)
    expected = (np.random.random(), random.random())  # noqa: NPY002 - the global state is what is tested
    np.random.seed(123)  # noqa: NPY002 - the global state is what is tested
    random.seed(123)

    def reseeding(m, *data):
        keras.utils.set_random_seed(0)
        return train(m, *data)

    assert_right("train_and_report", run_training(reseeding))
    assert (np.random.random(), random.random()) == expected  # noqa: NPY002 - the global state is what is tested


def own_model(m, x_train, y_train, x_test, y_test):
    return train(model(16), x_train, y_train, x_test, y_test)


def fit_then(m, x, y, epochs=1, batch_size=32, **compile_args):
    m.compile(**{"optimizer": "adam", "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"], "run_eagerly": True, **compile_args})
    m.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        # Each of these used to pass.
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt), float("nan"))[1], "not_finite"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xs, ys), m.evaluate(xs, ys, verbose=0)[1])[1], "trained_on_test"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt[:32], yt[:32]), m.evaluate(xs, ys, verbose=0)[1])[1], "subset"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt, epochs=2), m.evaluate(xs, ys, verbose=0)[1])[1], "epochs"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt, optimizer="sgd"), m.evaluate(xs, ys, verbose=0)[1])[1], "optimizer"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt, batch_size=64), m.evaluate(xs, ys, verbose=0)[1])[1], "batches"),
        # A function that trains a model of its own used to get "call model.fit".
        (own_model, "not_trained"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt), m.evaluate(xs, ys, verbose=0))[1], "pair"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt), 100 * m.evaluate(xs, ys, verbose=0)[1])[1], "percentage"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt, metrics=[]), m.evaluate(xs, ys, verbose=0))[1], "loss"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt), m.evaluate(xt, yt, verbose=0)[1])[1], "train_accuracy"),
        (lambda m, xt, yt, xs, ys: m.evaluate(xs, ys, verbose=0), "raised"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt, loss="categorical_crossentropy"), 0.5)[1], "raised"),
        (lambda m, xt, yt, xs, ys: (fit_then(m, xt, yt), str(m.evaluate(xs, ys, verbose=0)[1]))[1], "text"),
    ],
)
def test_train_and_report_wrong(answer, mistake) -> None:
    assert_wrong("train_and_report", run_training(answer), mistake)
