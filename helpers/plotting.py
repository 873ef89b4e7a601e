"""The figures the lessons share, drawn in one consistent style.

Every function draws into a new figure, or into ``ax`` when one is given so
figures can be combined, and returns ``None`` so a notebook cell shows the
picture and nothing else.  Bad input (wrong shape, wrong dtype, NaN) raises a
``ValueError`` that says what was expected.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

__all__ = [
    "COURSE_STYLE",
    "STATIC_PLOTS_VARIABLE",
    "interactive_plot",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_function_and_derivative",
    "plot_history",
    "show_digits",
    "use_course_style",
]

#: Matplotlib settings every course figure uses; readable on a projector.
COURSE_STYLE: dict[str, Any] = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
}

#: Set (to anything) by the course's tools that run notebooks with no browser attached:
#: interactive_plot then draws a plain figure. Sliders need a browser anyway, nbclient can hang
#: on widget cells (jupyter/nbclient#312), and a saved notebook then shows a real picture.
STATIC_PLOTS_VARIABLE = "COURSE_STATIC_PLOTS"

# Two classes: blue and orange are told apart by colour-blind readers too.
_CLASS_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")


def use_course_style() -> None:
    """Apply the course's figure style to every plot drawn after this call."""
    mpl.rcParams.update(COURSE_STYLE)


def plot_function_and_derivative(
    function: Callable[[np.ndarray], np.ndarray],
    derivative: Callable[[np.ndarray], np.ndarray] | None = None,
    *,
    name: str = "f",
    title: str | None = None,
    x_range: tuple[float, float] = (-6.0, 6.0),
    ax: Axes | None = None,
) -> None:
    """Plot ``function`` and, if given, ``derivative`` over ``x_range``.

    ``name`` may be LaTeX (``r"\\sigma"``): it labels the curves as ``$name(x)$``.
    """
    low, high = _check_range("x_range", x_range)
    x = np.linspace(low, high, 401)
    y = _as_float_array(f"{name}(x)", function(x), shape=x.shape)
    ax = _new_axes(ax)
    ax.plot(x, y, label=f"${name}(x)$")
    if derivative is not None:
        dy = _as_float_array(f"{name}'(x)", derivative(x), shape=x.shape)
        ax.plot(x, dy, linestyle="--", label=f"${name}'(x)$")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set(xlabel="$x$", ylabel="value", title=title or f"${name}(x)$ and its derivative")
    ax.legend()


def plot_decision_boundary(
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    *,
    title: str = "Decision boundary",
    threshold: float = 0.5,
    padding: float = 0.5,
    grid_points: int = 200,
    ax: Axes | None = None,
) -> None:
    """Colour the plane by ``predict`` and scatter the points ``X`` coloured by label ``y``.

    ``predict`` maps an (n, 2) array to n scores (a line is drawn where they
    cross ``threshold``) or to an (n, k) array of class scores (each point
    gets the class with the highest score).
    """
    X = _as_float_array("X", X, ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (one point per row), got shape {X.shape}.")
    y = _as_labels("y", y, length=len(X))
    x_min, y_min = X.min(axis=0) - padding
    x_max, y_max = X.max(axis=0) + padding
    grid_x, grid_y = np.meshgrid(
        np.linspace(x_min, x_max, grid_points), np.linspace(y_min, y_max, grid_points)
    )
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    scores = np.asarray(predict(grid))
    if scores.ndim == 2 and scores.shape[1] > 1:
        scores = np.argmax(scores, axis=1)
    scores = _as_float_array("predict(grid)", scores.reshape(-1), shape=(len(grid),))
    surface = scores.reshape(grid_x.shape)

    ax = _new_axes(ax)
    filled = ax.contourf(grid_x, grid_y, surface, levels=20, cmap="RdBu_r", alpha=0.35)
    if surface.min() < threshold < surface.max():
        ax.contour(grid_x, grid_y, surface, levels=[threshold], colors="black", linewidths=1.5)
    for label in np.unique(y):
        members = y == label
        ax.scatter(
            X[members, 0],
            X[members, 1],
            color=_CLASS_COLOURS[int(label) % len(_CLASS_COLOURS)],
            edgecolors="black",
            label=f"class {label}",
        )
    ax.figure.colorbar(filled, ax=ax, label="model output")
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title)
    ax.legend(loc="best")


def plot_history(
    history: Any,
    metrics: Sequence[str] = ("loss", "accuracy"),
    *,
    title: str = "Training curves",
) -> None:
    """Plot training (and validation, if recorded) curves, one panel per metric.

    ``history`` is what ``model.fit`` returns, or a dict of lists such as
    ``{"loss": [...], "val_loss": [...]}``.
    """
    curves: Mapping[str, Sequence[float]] = getattr(history, "history", history)
    if not isinstance(curves, Mapping):
        raise ValueError(
            "history must be the object model.fit returns or a dict of lists, "
            f"got {type(history).__name__}."
        )
    shown = [metric for metric in metrics if metric in curves]
    if not shown:
        raise ValueError(
            f"history has none of the metrics {list(metrics)}; it has {sorted(curves)}."
        )
    fig, axes = plt.subplots(1, len(shown), figsize=(5.2 * len(shown), 3.8), squeeze=False)
    for ax, metric in zip(axes[0], shown, strict=True):
        for prefix, style in (("", "-"), ("val_", "--")):
            if prefix + metric not in curves:
                continue
            values = _as_float_array(prefix + metric, curves[prefix + metric], ndim=1)
            epochs = np.arange(1, len(values) + 1)
            label = "validation" if prefix else "training"
            ax.plot(epochs, values, style, marker="o", markersize=3, label=label)
        ax.set(xlabel="epoch", ylabel=metric, title=metric)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend()
    fig.suptitle(title)
    fig.tight_layout()


def show_digits(
    images: np.ndarray,
    labels: np.ndarray | None = None,
    predictions: np.ndarray | None = None,
    *,
    columns: int = 8,
    title: str | None = None,
) -> None:
    """Show a grid of digit images, titled with their labels (and predictions, red if wrong).

    ``images`` is (n, 28, 28) or (n, 784), pixel values 0–255 or 0–1.
    """
    images = np.asarray(images)
    if images.ndim == 2 and images.shape[1] == 28 * 28:
        images = images.reshape(-1, 28, 28)
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ValueError(
            f"images must have shape (n, 28, 28) or (n, 784), got {images.shape}. "
            "For a single image use images[None] or images[i:i + 1]."
        )
    if len(images) == 0:
        raise ValueError("images is empty: there is nothing to show.")
    _as_float_array("images", images)
    if labels is not None:
        labels = _as_labels("labels", labels, length=len(images))
    if predictions is not None:
        predictions = _as_labels("predictions", predictions, length=len(images))

    columns = min(columns, len(images))
    rows = -(-len(images) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows), squeeze=False)
    for index, ax in enumerate(axes.flat):
        ax.axis("off")
        if index >= len(images):
            continue
        ax.imshow(images[index], cmap="gray_r")
        if predictions is not None and labels is not None:
            wrong = predictions[index] != labels[index]
            ax.set_title(
                f"true {labels[index]}\npred {predictions[index]}",
                color="#d62728" if wrong else "black",
                fontsize=9,
            )
        elif labels is not None:
            ax.set_title(str(labels[index]), fontsize=10)
        elif predictions is not None:
            ax.set_title(f"pred {predictions[index]}", fontsize=9)
    if title:
        fig.suptitle(title)
    fig.tight_layout()


def plot_confusion_matrix(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    class_names: Sequence[str] | None = None,
    title: str = "Confusion matrix",
    ax: Axes | None = None,
) -> None:
    """Plot counts of (true label, predicted label) pairs; the diagonal is what was right."""
    y_true = _as_labels("y_true", y_true)
    y_pred = _as_labels("y_pred", y_pred, length=len(y_true))
    if y_true.size and min(y_true.min(), y_pred.min()) < 0:
        raise ValueError("labels must be 0, 1, 2, …: found a negative label.")
    n_classes = int(max(y_true.max(), y_pred.max())) + 1 if y_true.size else 0
    if class_names is not None:
        if len(class_names) < n_classes:
            raise ValueError(
                f"class_names has {len(class_names)} names but the labels go up to "
                f"{n_classes - 1}."
            )
        n_classes = len(class_names)
    counts = np.bincount(
        y_true.astype(np.int64) * n_classes + y_pred.astype(np.int64),
        minlength=n_classes * n_classes,
    ).reshape(n_classes, n_classes)
    names = list(class_names) if class_names is not None else [str(i) for i in range(n_classes)]

    ax = _new_axes(ax, figsize=(6.0, 5.2))
    image = ax.imshow(counts, cmap="Blues")
    ax.grid(False)
    for true_label in range(n_classes):
        for predicted in range(n_classes):
            count = counts[true_label, predicted]
            dark = count > counts.max() / 2
            ax.text(
                predicted,
                true_label,
                str(count),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if dark else "black",
            )
    ax.set_xticks(range(n_classes), names)
    ax.set_yticks(range(n_classes), names)
    ax.set(xlabel="predicted label", ylabel="true label", title=title)
    ax.figure.colorbar(image, ax=ax, label="count")


def interactive_plot(
    draw: Callable[..., None], **sliders: tuple[float, float, float, float]
) -> None:
    """Call ``draw(**values)`` under sliders, each given as ``(min, max, step, start)``.

    A slider whose four numbers are all ``int`` moves in whole numbers.

    Without ipywidgets, or when ``COURSE_STATIC_PLOTS`` is set (the course's tools set it when
    they save a notebook), the plot is drawn once at the start values instead.
    """
    for name, spec in sliders.items():
        if len(spec) != 4 or not spec[0] <= spec[3] <= spec[1] or spec[2] <= 0:
            raise ValueError(
                f"slider {name!r} must be (min, max, step, start) with min ≤ start ≤ max "
                f"and step > 0, got {spec}."
            )
    start_values = {name: spec[3] for name, spec in sliders.items()}
    if os.environ.get(STATIC_PLOTS_VARIABLE):
        print("(Run this cell to get sliders; here is the plot at the start values.)")
        draw(**start_values)
        return
    try:
        import ipywidgets
    except ImportError:
        print("(ipywidgets is not installed, so here is the plot at the start values.)")
        draw(**start_values)
        return
    controls = {}
    for name, (low, high, step, start) in sliders.items():
        # All-integer specs get an integer slider, so e.g. a layer size is never 3.0.
        whole = all(isinstance(number, int) for number in (low, high, step, start))
        slider = ipywidgets.IntSlider if whole else ipywidgets.FloatSlider
        controls[name] = slider(
            min=low, max=high, step=step, value=start, description=name, continuous_update=False
        )
    ipywidgets.interact(draw, **controls)


# --- input validation -------------------------------------------------------


def _new_axes(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    if ax is not None:
        return ax
    _, new_ax = plt.subplots(figsize=figsize)
    return new_ax


def _as_float_array(
    name: str, value: Any, *, ndim: int | None = None, shape: tuple[int, ...] | None = None
) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold numbers, got dtype {array.dtype}.")
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array, got shape {array.shape}.")
    if shape is not None and array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}.")
    if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
        bad = int(np.sum(~np.isfinite(array)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); a computation upstream "
            "overflowed or divided by zero (a learning rate too large?)."
        )
    return array


def _as_labels(name: str, value: Any, *, length: int | None = None) -> np.ndarray:
    labels = np.asarray(value)
    if labels.ndim == 2 and labels.shape[1] > 1:
        raise ValueError(
            f"{name} looks one-hot encoded (shape {labels.shape}); pass integer labels, "
            f"e.g. np.argmax({name}, axis=1)."
        )
    labels = _as_float_array(name, labels.reshape(-1) if labels.ndim == 2 else labels, ndim=1)
    if labels.dtype.kind == "f" and not np.all(labels == np.round(labels)):
        raise ValueError(f"{name} must be whole-number class labels, got fractions.")
    if length is not None and len(labels) != length:
        raise ValueError(f"{name} must have {length} entries (one per example), got {len(labels)}.")
    return labels.astype(np.int64)


def _check_range(name: str, value: tuple[float, float]) -> tuple[float, float]:
    low, high = value
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be (low, high) with low < high, got {value}.")
    return float(low), float(high)
