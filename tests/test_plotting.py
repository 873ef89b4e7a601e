"""helpers.plotting: each plot draws what it promises, and bad input gets a clear ValueError."""

from __future__ import annotations

import builtins

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plotting


def _texts(fig: plt.Figure) -> list[str]:
    return [text.get_text() for ax in fig.axes for text in ax.texts]


def test_function_and_derivative_draws_two_labelled_curves() -> None:
    plotting.plot_function_and_derivative(np.tanh, lambda x: 1 - np.tanh(x) ** 2, name="tanh")
    ax = plt.gcf().axes[0]
    labels = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert labels == ["$tanh(x)$", "$tanh'(x)$"]
    assert ax.get_title() == "$tanh(x)$ and its derivative"


def test_function_plot_title_can_be_set() -> None:
    plotting.plot_function_and_derivative(np.tanh, name=r"\tanh", title="Hyperbolic tangent")
    assert plt.gcf().axes[0].get_title() == "Hyperbolic tangent"


def test_function_returning_nan_is_reported() -> None:
    with np.errstate(all="ignore"), pytest.raises(ValueError, match=r"log\(x\).*NaN"):
        plotting.plot_function_and_derivative(np.log, name="log")


def test_function_with_wrong_output_shape_is_reported() -> None:
    with pytest.raises(ValueError, match="must have shape"):
        plotting.plot_function_and_derivative(lambda x: x[:10], name="f")


def test_decision_boundary_scatters_every_class() -> None:
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 0, 0, 1])
    plotting.plot_decision_boundary(lambda P: P.sum(axis=1) / 2, X, y, title="AND")
    ax = plt.gcf().axes[0]
    assert ax.get_title() == "AND"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_decision_boundary_accepts_class_scores() -> None:
    X = np.random.default_rng(0).normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(int)
    plotting.plot_decision_boundary(lambda P: np.column_stack([-P[:, 0], P[:, 0]]), X, y)


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        (np.zeros((4, 3)), np.zeros(4), "2 columns"),
        (np.zeros(4), np.zeros(4), "2-D array"),
        (np.zeros((4, 2)), np.zeros(3), "4 entries"),
        (np.array([[0.0, np.nan], [1.0, 1.0]]), np.zeros(2), "NaN"),
        (np.array([["a", "b"]]), np.zeros(1), "hold numbers"),
        (np.zeros((4, 2)), np.array([0.0, 0.5, 1.0, 1.0]), "whole-number"),
        (np.zeros((4, 2)), np.eye(4), "one-hot"),
    ],
)
def test_decision_boundary_rejects_bad_input(X, y, message) -> None:
    with pytest.raises(ValueError, match=message):
        plotting.plot_decision_boundary(lambda P: P[:, 0], X, y)


def test_history_plots_training_and_validation_per_metric() -> None:
    history = {"loss": [1.0, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.8]}
    plotting.plot_history(history)
    fig = plt.gcf()
    assert [ax.get_title() for ax in fig.axes] == ["loss", "accuracy"]
    assert len(fig.axes[0].get_lines()) == 2 and len(fig.axes[1].get_lines()) == 1


def test_history_accepts_a_keras_like_object() -> None:
    class FakeHistory:
        history = {"loss": [3.0, 2.0, 1.0]}

    plotting.plot_history(FakeHistory(), metrics=("loss",))
    assert len(plt.gcf().axes[0].get_lines()[0].get_xdata()) == 3


def test_history_without_known_metrics_says_what_it_has() -> None:
    with pytest.raises(ValueError, match=r"it has \['mae'\]"):
        plotting.plot_history({"mae": [1.0]})


def test_history_with_nan_loss_is_reported() -> None:
    with pytest.raises(ValueError, match="NaN"):
        plotting.plot_history({"loss": [1.0, float("nan")]})


def test_history_of_wrong_type_is_reported() -> None:
    with pytest.raises(ValueError, match="dict of lists"):
        plotting.plot_history([1.0, 2.0])


def test_show_digits_marks_wrong_predictions_red() -> None:
    images = np.zeros((3, 28, 28), dtype=np.uint8)
    plotting.show_digits(images, labels=[1, 2, 3], predictions=[1, 7, 3])
    titles = [ax.title for ax in plt.gcf().axes if ax.get_title()]
    assert [t.get_text() for t in titles] == ["true 1\npred 1", "true 2\npred 7", "true 3\npred 3"]
    assert titles[1].get_color() == "#d62728" and titles[0].get_color() == "black"


def test_show_digits_accepts_flat_images() -> None:
    plotting.show_digits(np.zeros((2, 784), dtype=np.float32), labels=np.array([4, 5]))
    assert [ax.get_title() for ax in plt.gcf().axes if ax.get_title()] == ["4", "5"]


@pytest.mark.parametrize(
    ("images", "kwargs", "message"),
    [
        (np.zeros((28, 28)), {}, r"images\[None\]"),
        (np.zeros((2, 27, 27)), {}, r"\(n, 28, 28\)"),
        (np.zeros((0, 28, 28)), {}, "empty"),
        (np.full((1, 28, 28), np.nan), {}, "NaN"),
        (np.zeros((2, 28, 28)), {"labels": [1]}, "2 entries"),
        (np.zeros((2, 28, 28)), {"predictions": np.eye(2)}, "one-hot"),
    ],
)
def test_show_digits_rejects_bad_input(images, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        plotting.show_digits(images, **kwargs)


def test_confusion_matrix_counts_pairs() -> None:
    plotting.plot_confusion_matrix(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2]))
    ax = plt.gcf().axes[0]
    counts = ax.images[0].get_array()
    np.testing.assert_array_equal(counts, [[1, 1, 0], [0, 1, 0], [0, 0, 1]])
    assert "1" in _texts(plt.gcf())


@pytest.mark.parametrize(
    ("y_true", "y_pred", "kwargs", "message"),
    [
        ([0, 1], [0], {}, "2 entries"),
        ([0, -1], [0, 1], {}, "negative"),
        ([0, 1, 2], [0, 1, 2], {"class_names": ["a", "b"]}, "2 names"),
        ([0.5, 1], [0, 1], {}, "whole-number"),
    ],
)
def test_confusion_matrix_rejects_bad_input(y_true, y_pred, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        plotting.plot_confusion_matrix(np.array(y_true), np.array(y_pred), **kwargs)


def test_interactive_plot_draws_at_start_values_with_widgets() -> None:
    calls = []
    plotting.interactive_plot(lambda w, b: calls.append((w, b)), w=(-2, 2, 0.1, 1.0), b=(-1, 1, 0.1, 0))
    assert calls[0] == (1.0, 0)


def test_interactive_plot_falls_back_to_a_static_plot_without_ipywidgets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def no_ipywidgets(name, *args, **kwargs):
        if name == "ipywidgets":
            raise ImportError("no ipywidgets here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ipywidgets)
    calls = []
    plotting.interactive_plot(lambda w: calls.append(w), w=(0, 1, 0.1, 0.5))
    assert calls == [0.5]
    assert "ipywidgets is not installed" in capsys.readouterr().out


@pytest.mark.parametrize("spec", [(0, 1, 0.1), (0, 1, 0.1, 2), (0, 1, 0, 0.5)])
def test_interactive_plot_rejects_bad_slider(spec) -> None:
    with pytest.raises(ValueError, match="min, max, step, start"):
        plotting.interactive_plot(lambda w: None, w=spec)


def test_course_style_is_applied() -> None:
    plotting.use_course_style()
    assert plt.rcParams["axes.grid"] is True


def test_interactive_plot_uses_whole_numbers_for_integer_sliders() -> None:
    calls = []
    plotting.interactive_plot(lambda units, rate: calls.append((units, rate)), units=(1, 8, 1, 3), rate=(0.0, 1.0, 0.1, 0.5))
    assert calls[0] == (3, 0.5)
    assert isinstance(calls[0][0], int)


def test_interactive_plot_is_static_when_the_tools_ask(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(plotting.STATIC_PLOTS_VARIABLE, "1")
    calls = []
    plotting.interactive_plot(lambda w: calls.append(w), w=(0, 1, 0.1, 0.5))
    assert calls == [0.5]
    assert "Run this cell to get sliders" in capsys.readouterr().out
