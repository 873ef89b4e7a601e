"""Looking inside a learner's Keras model, for the checks of lessons 07 and 08.

Keras is imported only when one of these runs: the checks of lessons 01–06 do not need it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import Verdict, describe

#: The baseline of lesson 07, as (kind, detail) per layer after the Input.
BASELINE = (("Rescaling", 1 / 255), ("Flatten", None), ("Dense", (128, "relu")),
            ("Dense", (10, "softmax")))
BASELINE_PARAMETERS = 101_770


def layers(model: Any) -> tuple[tuple[str, Any], ...]:
    """The layers of ``model`` as (kind, detail): Dense (units, activation), Dropout rate..."""
    summary = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "Dense":
            activation = getattr(layer.activation, "__name__", str(layer.activation))
            detail: Any = (int(layer.units), activation)
        elif kind == "Dropout":
            detail = float(layer.rate)
        elif kind == "Rescaling":
            detail = float(np.asarray(layer.scale)) if np.size(layer.scale) == 1 else None
        else:
            detail = None
        summary.append((kind, detail))
    return tuple(summary)


def shape_text(model: Any) -> str:
    units = [str(layer.units) for layer in model.layers if hasattr(layer, "units")]
    return " → ".join(["784", *units])


def baseline_model() -> Any:
    import keras

    return keras.Sequential([
        keras.Input((28, 28)),
        keras.layers.Rescaling(1 / 255),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def model_verdict(model: Any, name: str) -> Verdict | None:
    """None if ``model`` maps a batch of 28×28 uint8 images to 10 probabilities, else why not."""
    import keras

    if model is None:
        return Verdict.wrong(f"{name} returned None. Did you forget `return`?",
                             mistake="no_return")
    if not isinstance(model, keras.Model):
        return Verdict.wrong(f"{name} returned {describe(model)}, not a Keras model",
                             "return keras.Sequential([keras.Input((28, 28)), …])",
                             mistake="not_a_model")
    kinds = [kind for kind, _ in layers(model)]
    if "Flatten" not in kinds and "Reshape" not in kinds:
        return Verdict.wrong(
            f"{name} has no Flatten layer, so each Dense layer would see the image row by row",
            "put keras.layers.Flatten() before the first Dense layer: it turns each 28×28 "
            "image into one row of 784 numbers", mistake="no_flatten")
    rescaling = [detail for kind, detail in layers(model) if kind == "Rescaling"]
    if not rescaling:
        return Verdict.wrong(
            f"{name} has no Rescaling layer, so it would see pixels from 0 to 255",
            "keep keras.layers.Rescaling(1 / 255) right after keras.Input((28, 28))",
            mistake="no_rescaling")
    if rescaling[0] is None or not np.isclose(rescaling[0], 1 / 255):
        return Verdict.wrong(
            f"{name} has a Rescaling layer with scale {describe(rescaling[0])}; expected 1/255",
            "Rescaling(scale) multiplies every pixel by scale: 1 / 255 brings 0…255 into 0…1",
            mistake="rescaling_scale")
    images = np.random.default_rng(0).integers(0, 256, size=(3, 28, 28)).astype(np.uint8)
    try:
        probabilities = np.asarray(model(images, training=False))
    except Exception as error:  # a wrong input shape, for example
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return Verdict.wrong(
            f"{name} could not take a batch of 28×28 images ({type(error).__name__}: "
            f"{reason[:120]})", "start with keras.Input((28, 28))", mistake="input")
    if probabilities.shape != (3, 10):
        return Verdict.wrong(
            f"{name} gives outputs of shape {probabilities.shape[1:]} per image; expected (10,)",
            "the last layer should be Dense(10, activation='softmax'), one output per digit",
            mistake="output_shape")
    if not (np.all(probabilities >= 0) and np.allclose(probabilities.sum(axis=1), 1, atol=1e-4)):
        return Verdict.wrong(
            f"{name}'s 10 outputs are not probabilities (they should be ≥ 0 and add up to 1)",
            "give the last layer activation='softmax'", mistake="not_probabilities")
    return None
