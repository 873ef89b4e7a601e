"""Every exercise of the course, in one table: the single source for the checks' names and
docstrings, the notebooks' heading test, the student-copy test and the grader.

To move or renumber an exercise, edit its row: ``lesson``, ``number`` and ``title`` must
match the notebook's heading ``### Exercise <number> · <title>``, and the code cell after
the exercise must call ``checks.<check>(...)``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it is, what it is called, which check marks it, and its points."""

    lesson: int
    number: int
    title: str
    check: str
    points: int

    @property
    def module(self) -> str:
        """The module holding this exercise's check: ``helpers.checks.lessonNN``."""
        return f"{__package__}.lesson{self.lesson:02d}"


# lesson, number, title (as in the notebook heading), check function, points
EXERCISES: tuple[Exercise, ...] = tuple(
    Exercise(*row)
    for row in [
        (1, 1, "A neuron for a whole batch", "neuron_output", 1),
        (1, 2, "Weights for NAND", "nand_weights", 1),
        (1, 3, "Update on a whole batch at once", "perceptron_batch_update", 2),
        (2, 1, "Softplus and its derivative", "softplus", 2),
        (2, 2, "The derivative of SiLU", "silu_grad", 2),
        (2, 3, "Backpropagate through softmax", "softmax_backward", 3),
        (3, 1, "Mean absolute error", "mean_absolute_error", 1),
        (3, 2, "Binary cross-entropy with clipping", "binary_cross_entropy_clipped", 2),
        (3, 3, "Binary cross-entropy from logits", "binary_cross_entropy_from_logits", 2),
        (4, 1, "One gradient-descent step", "gradient_descent_step", 1),
        (4, 2, "The MSE gradient, one parameter at a time", "mse_gradient", 2),
        (4, 3, "Momentum, the other way round", "momentum_step_classic", 2),
        (5, 1, "Backward pass of one dense layer", "dense_backward", 3),
        (5, 2, "The output gradient with squared error", "sigmoid_mse_grad", 2),
        (5, 3, "A ReLU hidden layer", "relu_backward", 1),
        (6, 1, "Glorot uniform", "glorot_uniform", 2),
        (6, 2, "One-hot labels", "one_hot_digits", 1),
        (6, 3, "Predict one digit", "predict_digit", 2),
        (7, 1, "Count a layer's parameters", "dense_parameter_count", 1),
        (7, 2, "Change the architecture", "build_my_model", 2),
        (7, 3, "Train briefly and report the test accuracy", "train_and_report", 2),
        (8, 1, "A dense model with dropout", "build_dropout_model", 2),
        (8, 2, "Which epoch does EarlyStopping restore?", "early_stopping_epochs", 2),
        (8, 3, "Count a convolution's parameters", "conv2d_parameter_count", 1),
    ]
)

BY_CHECK: dict[str, Exercise] = {exercise.check: exercise for exercise in EXERCISES}


def check_calls(source: str) -> dict[str, str]:
    """The registered checks that ``source`` calls as ``checks.<exercise>(...)``, each with
    the text of its arguments (what the grader passes to the check)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    calls: dict[str, str] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "checks"
            and node.func.attr in BY_CHECK
        ):
            pieces = [ast.get_source_segment(source, part) for part in [*node.args, *node.keywords]]
            calls.setdefault(node.func.attr, ", ".join(piece for piece in pieces if piece))
    return calls
