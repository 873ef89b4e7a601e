"""Lesson 07 · Keras MNIST: references, known mistakes and hints for its three exercises."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .engine import Hints, Mistake, Verdict, call, check_cases, describe, holds_text, numbers
from .models import BASELINE, BASELINE_PARAMETERS, baseline_model, layers, model_verdict, shape_text

HINTS = {
    "dense_parameter_count": Hints(
        "a Dense layer connects every input to every unit, each connection with its own "
        "weight, and gives each unit one bias",
        "n_inputs * n_units weights plus n_units biases.",
    ),
    "build_my_model": Hints(
        "keep the input, Rescaling, Flatten and the final 10-way softmax; change what is in "
        "between: the hidden layer's size, or one more hidden layer",
        "for example keras.Sequential([keras.Input((28, 28)), keras.layers.Rescaling(1 / 255), "
        "keras.layers.Flatten(), keras.layers.Dense(256, activation='relu'), "
        "keras.layers.Dense(10, activation='softmax')]).",
    ),
    "train_and_report": Hints(
        "three steps on the model you are given: compile it (optimiser, loss, metric), fit it "
        "for one epoch on the training images, then evaluate it on the test images",
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', "
        "metrics=['accuracy']); model.fit(x_train, y_train, epochs=1, batch_size=32, "
        "verbose=0); return model.evaluate(x_test, y_test, verbose=0)[1].",
    ),
}


# --- Exercise 1 ---------------------------------------------------------------------------

COUNT_MISTAKES = [
    Mistake("weights_only", lambda n, u: n * u,
            "that counts the weights only; each unit also has one bias"),
    Mistake("bias_per_input", lambda n, u: n * u + n,
            "there is one bias per unit (per output), not one per input"),
    Mistake("one_extra", lambda n, u: n * u + u + 1,
            "one bias per unit, and nothing more: no extra parameter for the layer"),
    Mistake("bias_everywhere", lambda n, u: (n + 1) * (u + 1),
            "only the units have biases; the inputs have none"),
    Mistake("added", lambda n, u: n + u,
            "every input connects to every unit: the weights multiply, they don't add"),
]


def dense_parameter_count(function: Any) -> Verdict:
    """``dense_parameter_count(n_inputs, n_units)``: weights plus biases of a Dense layer."""
    return check_cases(
        function, lambda n, u: n * u + u, [(784, 128), (128, 10), (3, 2), (1, 1), (784, 256)],
        name="dense_parameter_count", hints=HINTS["dense_parameter_count"],
        mistakes=COUNT_MISTAKES, rtol=0, atol=0,
    )


# --- Exercise 2 ---------------------------------------------------------------------------


def build_my_model(function: Any) -> Verdict:
    """``build_my_model()``: a valid model for 28×28 digits that differs from the baseline."""
    name = "build_my_model"
    model, verdict = call(function, (), name=name, hint=HINTS[name].idea)
    if verdict is not None:
        return verdict
    problem = model_verdict(model, name)
    if problem is not None:
        return problem
    if layers(model) == BASELINE:
        return Verdict.wrong(
            f"{name} returns the baseline model itself (784 → 128 → 10)",
            "change the 128, or add a layer such as Dense(64, activation='relu') before the "
            "last one", mistake="baseline")
    return Verdict.ok(
        f"{name} returns a valid model that differs from the baseline: {shape_text(model)}, "
        f"{model.count_params():,} parameters (the baseline has {BASELINE_PARAMETERS:,})."
    )


# --- Exercise 3 ---------------------------------------------------------------------------


def _loss_name(loss: Any) -> str:
    return str(getattr(loss, "name", None) or getattr(loss, "__name__", None) or loss)


def train_and_report(
    function: Any, build_model: Any, x_train: Any, y_train: Any, x_test: Any, y_test: Any
) -> Verdict:
    """``train_and_report(model, x_train, y_train, x_test, y_test)`` on a fresh model."""
    name = "train_and_report"
    model, problem = call(build_model, (), name="build_my_model")
    which = "your model"
    if problem is not None or model_verdict(model, "build_my_model") is not None:
        model, which = baseline_model(), "the baseline model (build_my_model isn't ready)"
    before = [weights.copy() for weights in model.get_weights()]
    data = tuple(np.array(array, copy=True) for array in (x_train, y_train, x_test, y_test))
    fits: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    fit = model.fit

    def recording_fit(*args: Any, **kwargs: Any) -> Any:
        fits.append((args, kwargs))
        return fit(*args, **kwargs)

    model.fit = recording_fit
    try:
        result, verdict = call(function, (model, *data), name=name, hint=HINTS[name].idea,
                               copy_args=False)
    finally:
        del model.fit
    if verdict is not None:
        return verdict
    return _training_verdict(result, model, data, fits, before, which)


def _training_verdict(result: Any, model: Any, data: tuple[Any, ...], fits: list[Any],
                      before: list[Any], which: str) -> Verdict:
    name = "train_and_report"
    x_train, y_train, x_test, y_test = data
    if result is None:
        return Verdict.wrong(f"{name} returned None. Did you forget `return`?",
                             mistake="no_return")
    if isinstance(result, list | tuple) and len(result) == 2:
        return Verdict.wrong(
            f"{name} returned two numbers, {describe(list(result))}",
            "model.evaluate returns [loss, accuracy]: return only the accuracy", mistake="pair")
    accuracy = numbers(result)
    if accuracy is None or accuracy.size != 1:
        return Verdict.wrong(
            f"{name} returned {describe(result)}; expected one number, the test accuracy",
            "numbers in quotes are text: return the number itself" if holds_text(result)
            else HINTS[name].idea, mistake="text" if holds_text(result) else "not_a_number")
    accuracy = float(accuracy.reshape(()))
    if not math.isfinite(accuracy):
        return Verdict.wrong(f"{name} returned {accuracy}, not a number",
                             HINTS[name].idea, mistake="not_finite")
    if all(np.array_equal(old, new) for old, new in zip(before, model.get_weights(), strict=True)):
        return Verdict.wrong(
            "the model given to train_and_report was not trained: its weights did not change",
            "compile and fit `model`, the model you are given, rather than a model of your own",
            mistake="not_trained")
    problem = _setup_problem(model, fits, x_train, x_test)
    if problem is not None:
        return problem
    probabilities = _predict(model, x_test)
    expected = float(np.mean(np.argmax(probabilities, axis=1) == y_test))
    if abs(accuracy - expected) > 1e-3:
        loss = float(-np.mean(np.log(np.clip(probabilities[np.arange(len(y_test)), y_test],
                                             1e-7, 1))))
        on_train = float(np.mean(np.argmax(_predict(model, x_train), axis=1) == y_train))
        if abs(accuracy - 100 * expected) < 0.1:
            hint, mistake = ("return the accuracy as a fraction between 0 and 1, as "
                             "model.evaluate gives it, not a percentage"), "percentage"
        elif abs(accuracy - loss) < 1e-2:
            hint, mistake = ("that is the test loss: compile with metrics=['accuracy'] and "
                             "return the accuracy from evaluate"), "loss"
        elif abs(accuracy - on_train) <= 1e-3:
            hint, mistake = ("that is the accuracy on the training images; evaluate on the "
                             "test images"), "train_accuracy"
        else:
            hint, mistake = HINTS[name].idea, None
        return Verdict.wrong(f"{name} returned {accuracy:.4f}, but the trained model's test "
                             f"accuracy is {expected:.4f}", hint, mistake=mistake)
    return Verdict.ok(
        f"{name} trained {which} ({shape_text(model)}) and reported its test accuracy "
        f"correctly: {accuracy:.2%}."
    )


def _predict(model: Any, images: Any) -> np.ndarray:
    """The model's probabilities, called directly: faster than predict() for one-off use."""
    return np.concatenate([np.asarray(model(images[start : start + 2000], training=False))
                           for start in range(0, len(images), 2000)])


def _setup_problem(model: Any, fits: list[Any], x_train: Any, x_test: Any) -> Verdict | None:
    """What is wrong with how the model was compiled and fitted (optimiser, loss, data, epochs)."""
    optimizer = getattr(model, "optimizer", None)
    if type(optimizer).__name__ != "Adam":
        return Verdict.wrong(f"the model was trained with {type(optimizer).__name__}, not Adam",
                             "compile with optimizer='adam'", mistake="optimizer")
    if _loss_name(model.loss) != "sparse_categorical_crossentropy":
        return Verdict.wrong(
            f"the model was compiled with the loss {_loss_name(model.loss)}",
            "the labels are integers 0–9: use loss='sparse_categorical_crossentropy'",
            mistake="loss")
    if fits:
        args, kwargs = fits[0]
        x = args[0] if args else kwargs.get("x")
        if x is x_test or (np.shape(x) == np.shape(x_test) and np.array_equal(x, x_test)
                           and not np.array_equal(x, x_train)):
            return Verdict.wrong("the model was trained on the test images",
                                 "fit on x_train, y_train; the test images are kept for the "
                                 "final evaluation only", mistake="trained_on_test")
    expected = math.ceil(len(x_train) / 32)
    iterations = int(optimizer.iterations)
    if iterations != expected:
        if iterations and iterations % expected == 0:
            hint, mistake = "train for exactly one epoch: epochs=1", "epochs"
        elif iterations < expected and len(fits) == 1 and len(np.asarray(
                fits[0][0][0] if fits[0][0] else fits[0][1].get("x"))) < len(x_train):
            hint, mistake = "fit on all the training images you are given, x_train", "subset"
        else:
            hint, mistake = "one epoch with batch_size=32 over all of x_train", "batches"
        return Verdict.wrong(
            f"the model made {iterations} updates; one epoch over {len(x_train):,} images in "
            f"batches of 32 makes {expected}", hint, mistake=mistake)
    return None
