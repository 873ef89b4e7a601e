"""Lesson 08 · better models: references, known mistakes and hints for its three exercises."""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import Hints, Mistake, Verdict, call, check_cases, fmt
from .models import BASELINE_PARAMETERS, layers, model_verdict

HINTS = {
    "build_dropout_model": Hints(
        "lesson 07's model, layer by layer, with one Dropout between the hidden layer and "
        "the output layer: it switches off some hidden units during training",
        "keras.Sequential([keras.Input((28, 28)), keras.layers.Rescaling(1 / 255), "
        "keras.layers.Flatten(), keras.layers.Dense(128, activation='relu'), "
        "keras.layers.Dropout(rate), keras.layers.Dense(10, activation='softmax')]).",
    ),
    "early_stopping_epochs": Hints(
        "go through the losses in order, remembering the best loss so far and its epoch; "
        "training stops as soon as `patience` epochs have passed without a better loss",
        "for epoch, loss in enumerate(val_losses, start=1): if loss < best_loss, remember "
        "(loss, epoch); elif epoch - best_epoch >= patience: return epoch, best_epoch. "
        "After the loop: return len(val_losses), best_epoch.",
    ),
    "conv2d_parameter_count": Hints(
        "each filter has one weight per position of its window and per input channel, "
        "plus one bias",
        "(kernel_size * kernel_size * in_channels + 1) * filters.",
    ),
}


# --- Exercise 1 ---------------------------------------------------------------------------


def _dropout_verdict(model: Any, rate: float) -> Verdict | None:
    name = f"build_dropout_model({rate})"
    problem = model_verdict(model, name)
    if problem is not None:
        return problem
    summary = [(kind, detail) for kind, detail in layers(model) if kind != "InputLayer"]
    kinds = [kind for kind, _ in summary]
    dropouts = [detail for kind, detail in summary if kind == "Dropout"]
    if len(dropouts) != 1:
        return Verdict.wrong(f"{name} has {len(dropouts)} Dropout layers; expected exactly one",
                             "add keras.layers.Dropout(rate) between the two Dense layers",
                             mistake="dropout_count")
    if not np.isclose(dropouts[0], rate):
        return Verdict.wrong(
            f"{name} has a Dropout layer with rate {fmt(dropouts[0])}; expected {fmt(rate)}",
            "pass the argument on: keras.layers.Dropout(rate), not a fixed number",
            mistake="fixed_rate")
    dense = [detail for kind, detail in summary if kind == "Dense"]
    if kinds != ["Rescaling", "Flatten", "Dense", "Dropout", "Dense"]:
        return Verdict.wrong(
            f"{name} has its layers in the order {' → '.join(kinds)}",
            "Rescaling, Flatten, Dense(128, relu), then the Dropout, then Dense(10, softmax): "
            "dropout drops hidden units, never the 10 outputs", mistake="order")
    if dense[0] != (128, "relu"):
        return Verdict.wrong(
            f"{name}'s hidden layer is Dense({dense[0][0]}, activation='{dense[0][1]}')",
            "keep lesson 07's hidden layer: Dense(128, activation='relu')",
            mistake="hidden_layer")
    if model.count_params() != BASELINE_PARAMETERS:  # pragma: no cover - follows from the above
        return Verdict.wrong(f"{name} has {model.count_params():,} parameters; expected "
                             f"{BASELINE_PARAMETERS:,}", HINTS["build_dropout_model"].idea)
    return None


def build_dropout_model(function: Any) -> Verdict:
    """``build_dropout_model(rate)``: the dense model with Dropout(rate) after the hidden layer."""
    for rate in (0.3, 0.5):
        model, verdict = call(function, (rate,), name="build_dropout_model",
                              hint=HINTS["build_dropout_model"].idea)
        verdict = verdict or _dropout_verdict(model, rate)
        if verdict is not None:
            return verdict
    return Verdict.ok(
        "build_dropout_model builds the right model for rates 0.3 and 0.5: Dropout between the "
        f"Dense layers, {BASELINE_PARAMETERS:,} parameters."
    )


# --- Exercise 2 ---------------------------------------------------------------------------


def stopping(losses: list[float], patience: int, *, improves: Any = float.__lt__,
             waited: Any = int.__ge__) -> tuple[int, int]:
    """(epoch training stops after, epoch whose weights are restored), counted from 1."""
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(losses, start=1):
        if improves(float(loss), best_loss):
            best_loss, best_epoch = float(loss), epoch
        elif waited(epoch - best_epoch, patience):
            return epoch, best_epoch
    return len(losses), best_epoch


STOPPING_CASES = [
    ([0.90, 0.70, 0.60, 0.65, 0.66, 0.70, 0.50], 3),
    ([1.00, 0.80, 0.60], 2),
    ([0.40, 0.30, 0.35, 0.20], 1),
    ([0.50, 0.50, 0.50, 0.50], 2),
    ([0.80, 0.60, 0.61, 0.59, 0.62, 0.63, 0.64, 0.58], 3),
]
STOPPING_MISTAKES = [
    Mistake("zero_based", lambda losses, p: tuple(e - 1 for e in stopping(losses, p)),
            "count epochs from 1, as the plots do"),
    Mistake("waits_too_long", lambda losses, p: stopping(losses, p, waited=int.__gt__),
            "training stops at the epoch that is exactly `patience` epochs after the best "
            "one, not one epoch later"),
    Mistake("equal_improves", lambda losses, p: stopping(losses, p, improves=float.__le__),
            "an equal loss is not an improvement: keep the first epoch that reached the best "
            "loss"),
    Mistake("best_overall", lambda losses, p: (stopping(losses, p)[0],
                                               int(np.argmin(losses)) + 1),
            "EarlyStopping never sees the epochs after it stopped: look for the best loss "
            "only up to the stopping epoch"),
    Mistake("never_stops", lambda losses, p: (len(losses), stopping(losses, p)[1]),
            "training can stop before the last epoch: once `patience` epochs pass without "
            "improvement"),
]


def early_stopping_epochs(function: Any) -> Verdict:
    """``early_stopping_epochs(val_losses, patience)`` → (stopped epoch, restored epoch)."""
    return check_cases(
        function, stopping, STOPPING_CASES, name="early_stopping_epochs",
        hints=HINTS["early_stopping_epochs"], mistakes=STOPPING_MISTAKES, rtol=0, atol=0,
        show=lambda args: f"early_stopping_epochs({args[0]}, patience={args[1]})",
        parts=("stop_epoch", "best_epoch"),
        success=f"early_stopping_epochs is correct on {len(STOPPING_CASES)} loss histories.",
    )


# --- Exercise 3 ---------------------------------------------------------------------------

CONV_MISTAKES = [
    Mistake("no_bias", lambda k, c, f: k * k * c * f, "each filter also has one bias"),
    Mistake("no_channels", lambda k, c, f: (k * k + 1) * f,
            "a filter spans all the input channels: its window has weights for each of them"),
    Mistake("not_squared", lambda k, c, f: (k * c + 1) * f,
            lambda k, c, f: f"a {k}×{k} filter has {k} × {k} = {k * k} weights per input "
            "channel: the window is square"),
    Mistake("bias_per_channel", lambda k, c, f: (k * k + 1) * c * f,
            "one bias per filter, not one per input channel"),
]


def conv2d_parameter_count(function: Any) -> Verdict:
    """``conv2d_parameter_count(kernel_size, in_channels, filters)``: weights plus biases."""
    return check_cases(
        function, lambda k, c, f: (k * k * c + 1) * f,
        [(5, 1, 32), (3, 32, 32), (3, 1, 32), (5, 3, 64), (1, 8, 4), (3, 16, 64)],
        name="conv2d_parameter_count", hints=HINTS["conv2d_parameter_count"],
        mistakes=CONV_MISTAKES, rtol=0, atol=0,
    )
