"""One contract for every registered check: whatever the learner hands in, one line, no
traceback, and never a ✓ for an answer that is not one."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.checks.registry import EXERCISES
from learner_answers import replay

LEARNER_PRINT = "LEARNER DEBUG PRINT"


def _raise_value_error(*args):
    raise ValueError("something went wrong\nsecond line of the message")


def _prints(*args):
    print(LEARNER_PRINT)


def _mutates(*args):
    for arg in args:
        if isinstance(arg, np.ndarray) and arg.dtype.kind == "f":
            arg[...] = 0
        elif isinstance(arg, list):
            arg.clear()
    return float("nan")


def _missing_argument(a, b, c, d, e, f, g, h, i):
    return 0.0


def _not_implemented(*args):
    raise NotImplementedError()


BAD_ANSWERS = {
    "returns None": lambda *args: None,
    "raises ValueError": _raise_value_error,
    "divides by zero": lambda *args: 1 / 0,
    "recursion": lambda *args: (lambda f: f(f))(lambda f: f(f)),
    "NaN": lambda *args: float("nan"),
    "inf": lambda *args: float("inf"),
    "NaN array": lambda *args: np.full((2, 2), np.nan),
    "wrong shape": lambda *args: np.zeros((7, 3)),
    "string": lambda *args: "0.78",
    "strings in a tuple": lambda *args: ("6", "3"),
    "dict": lambda *args: {"answer": 1},
    "complex": lambda *args: 1 + 2j,
    "object array with None": lambda *args: np.array([0.5, None], dtype=object),
    "missing argument": _missing_argument,
    "prints": _prints,
    "mutates its inputs": _mutates,
}
NOT_FUNCTIONS = {"a number": 3.0, "a string": "answer", "None": None, "an array": np.zeros(3), "a class": int}


def _arguments(name: str, answer) -> tuple:
    """The arguments of the check cell, with ``answer`` in place of the learner's function(s)."""
    if name == "softplus":
        return (answer, answer)
    if name == "train_and_report":
        rng = np.random.default_rng(0)
        images = rng.integers(0, 256, size=(64, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, size=64)
        return (answer, lambda: None, images, labels, images[:16], labels[:16])
    return (answer,)


def _one_verdict_line(printed: str) -> str:
    lines = [line for line in printed.splitlines() if line != LEARNER_PRINT]
    assert len(lines) == 1, f"expected one line, got {printed!r}"
    assert "Traceback" not in printed and "Error:" not in lines[0].split(" raised ")[0]
    return lines[0]


NAMES = [exercise.check for exercise in EXERCISES]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", list(BAD_ANSWERS))
def test_a_wrong_answer_gets_one_line_and_no_tick(name: str, kind: str) -> None:
    printed, verdict = replay(name, *_arguments(name, BAD_ANSWERS[kind]))
    line = _one_verdict_line(printed)
    assert line.startswith("✗ "), line
    assert not verdict.passed
    if kind == "prints":
        assert printed.count(LEARNER_PRINT) == 1, "a learner's print is shown once, not once per test input"


@pytest.mark.parametrize("name", NAMES)
def test_the_untouched_exercise_says_not_implemented(name: str) -> None:
    printed, verdict = replay(name, *_arguments(name, _not_implemented))
    assert _one_verdict_line(printed) == (
        f"… {name} is not implemented yet (NotImplementedError). "
        "Replace `raise NotImplementedError()` with your code."
    )


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", list(NOT_FUNCTIONS))
def test_something_that_is_not_a_function(name: str, kind: str) -> None:
    printed, _ = replay(name, *_arguments(name, NOT_FUNCTIONS[kind]))
    line = _one_verdict_line(printed)
    assert line.startswith(f"✗ expected a function for {name}") or (
        name == "train_and_report" and line.startswith("✗ expected a function for train_and_report")
    ), line


@pytest.mark.parametrize("name", NAMES)
def test_calling_the_check_without_the_answer(name: str) -> None:
    printed, _ = replay(name)
    assert _one_verdict_line(printed).startswith(f"✗ checks.{name} was called with 0 argument(s)")


@pytest.mark.parametrize("name", NAMES)
def test_the_check_leaves_the_global_random_state_alone(name: str) -> None:
    np.random.seed(5)  # noqa: NPY002 - the global state is what is tested
    expected = np.random.random()  # noqa: NPY002 - the global state is what is tested
    np.random.seed(5)  # noqa: NPY002 - the global state is what is tested

    def reseeds(*args):
        np.random.seed(0)  # noqa: NPY002 - the global state is what is tested
        raise NotImplementedError()

    replay(name, *_arguments(name, reseeds))
    assert np.random.random() == expected  # noqa: NPY002 - the global state is what is tested


@pytest.mark.parametrize("exercise", EXERCISES, ids=NAMES)
def test_every_check_has_its_registry_docstring(exercise) -> None:
    doc = getattr(checks, exercise.check).__doc__
    assert doc.startswith(f"Exercise {exercise.number} of lesson {exercise.lesson:02d} · {exercise.title}: ")
