"""Answer checks for the exercises: a one-line ✓, or a hint that says what is wrong.

A check runs the learner's function on a few inputs, compares the results
with a reference and prints one line, for example::

    ✓ relu is correct on 6 test inputs.
    ✗ relu(-2.0) returned -2.0; expected 0.0. Hint: negative inputs should become 0.
    ✗ relu returned None. Did you forget `return`?
    … relu is not implemented yet (NotImplementedError). Write your code between the markers above.

A mistake in the learner's code never produces a raw traceback here.  The
engine (:func:`check_function`, :func:`check_value`, :class:`Verdict`) comes
first; the checks for each lesson's exercises follow, one section per lesson.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "Verdict",
    "call_safely",
    "check_function",
    "check_value",
    "compare_function",
    "compare_value",
    "report",
]


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: did it pass, and the one line to show the learner."""

    passed: bool
    message: str

    @classmethod
    def ok(cls, message: str) -> Verdict:
        return cls(True, f"✓ {message}")

    @classmethod
    def wrong(cls, message: str, hint: str | None = None) -> Verdict:
        return cls(False, f"✗ {message}" + (f" Hint: {hint}" if hint else ""))

    @classmethod
    def not_implemented(cls, name: str) -> Verdict:
        return cls(
            False,
            f"… {name} is not implemented yet (NotImplementedError). "
            "Write your code between the markers above.",
        )


def report(*verdicts: Verdict) -> None:
    """Print the first failed verdict, or every success if all passed."""
    for verdict in verdicts:
        if not verdict.passed:
            print(verdict.message)
            return
    for verdict in verdicts:
        print(verdict.message)


def call_safely(
    function: Any, args: Sequence[Any], *, name: str
) -> tuple[Any, Verdict | None]:
    """Call ``function(*args)`` on copies of ``args``; a raised error becomes a Verdict."""
    if not callable(function):
        return None, Verdict.wrong(
            f"expected a function for {name}, got {type(function).__name__} ({function!r}).",
            f"pass the function itself: {name}, not {name}(...).",
        )
    try:
        return function(*copy.deepcopy(tuple(args))), None
    except NotImplementedError:
        return None, Verdict.not_implemented(name)
    except Exception as error:  # a learner's mistake becomes a hint, never a traceback
        return None, Verdict.wrong(
            _sentence(f"{name}({_describe_args(args)}) raised {type(error).__name__}: {error}")
        )


def compare_function(
    function: Callable[..., Any],
    reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]],
    *,
    name: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> Verdict:
    """Run ``function`` and ``reference`` on each case (a tuple of arguments); compare."""
    for args in cases:
        result, error = call_safely(function, args, name=name)
        if error is not None:
            return error
        expected = reference(*copy.deepcopy(tuple(args)))
        problem = _difference(result, expected, rtol=rtol, atol=atol)
        if problem is not None:
            return Verdict.wrong(_sentence(f"{name}({_describe_args(args)}) {problem}"), hint)
    return Verdict.ok(f"{name} is correct on {len(cases)} test input{'s' * (len(cases) != 1)}.")


def compare_value(
    value: Any,
    expected: Any,
    *,
    name: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> Verdict:
    """Compare a value the learner computed with the expected one."""
    problem = _difference(value, expected, rtol=rtol, atol=atol)
    if problem is not None:
        return Verdict.wrong(_sentence(f"{name} {problem}"), hint)
    return Verdict.ok(f"{name} is correct.")


def check_function(
    function: Callable[..., Any],
    reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]],
    *,
    name: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Print ✓ if ``function`` matches ``reference`` on every case, else the first problem."""
    report(
        compare_function(function, reference, cases, name=name, rtol=rtol, atol=atol, hint=hint)
    )


def check_value(
    value: Any,
    expected: Any,
    *,
    name: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Print ✓ if ``value`` equals ``expected`` (within tolerance), else what differs."""
    report(compare_value(value, expected, name=name, rtol=rtol, atol=atol, hint=hint))


# --- comparison and description ---------------------------------------------


def _difference(result: Any, expected: Any, *, rtol: float, atol: float) -> str | None:
    """Describe how ``result`` differs from ``expected`` ("returned …; expected …"), or None."""
    if result is None and expected is not None:
        return "returned None. Did you forget `return`?"
    if isinstance(expected, tuple | list) and not _is_numeric_sequence(expected):
        if not isinstance(result, tuple | list) or len(result) != len(expected):
            return (
                f"returned {_describe(result)}; expected {len(expected)} values "
                f"({', '.join(_describe(item) for item in expected)})"
            )
        for position, (got, want) in enumerate(zip(result, expected, strict=True)):
            problem = _difference(got, want, rtol=rtol, atol=atol)
            if problem is not None:
                return f"value number {position + 1}: {problem}"
        return None
    try:
        got = np.asarray(result)
        want = np.asarray(expected)
    except Exception:  # e.g. a ragged list
        return f"returned {_describe(result)}, which is not an array of numbers"
    if want.dtype.kind not in "biufc":
        return None if result == expected else f"returned {result!r}; expected {expected!r}"
    if got.dtype.kind not in "biufc":
        return f"returned {_describe(result)}; expected numbers like {_describe(expected)}"
    if got.shape != want.shape:
        return (
            f"returned shape {got.shape}; expected shape {want.shape}"
            + _shape_advice(got.shape, want.shape)
        )
    if np.any(np.isnan(got)) and not np.any(np.isnan(want)):
        return "returned NaN. Check for log(0), 0/0 or overflowing exp"
    if np.allclose(got, want, rtol=rtol, atol=atol):
        return None
    if got.ndim == 0:
        return f"returned {_fmt(got)}; expected {_fmt(want)}"
    worst = np.unravel_index(np.argmax(np.abs(got - want)), got.shape)
    index = worst[0] if len(worst) == 1 else worst
    return f"returned wrong values: at index {index} got {_fmt(got[worst])}, expected {_fmt(want[worst])}"


def _shape_advice(got: tuple[int, ...], want: tuple[int, ...]) -> str:
    if got == (*want, 1) or got == (1, *want):
        return " (an extra axis of length 1: try .reshape or np.squeeze)"
    if got[::-1] == want and len(got) == 2:
        return " (rows and columns swapped: a missing transpose .T?)"
    if got == ():
        return " (a single number: did you sum or average over everything?)"
    return ""


def _is_numeric_sequence(value: Sequence[Any]) -> bool:
    return all(isinstance(item, int | float | np.number) for item in value)


def _fmt_number(number: Any) -> str:
    if isinstance(number, bool | np.bool_):
        return str(bool(number))
    if isinstance(number, int | np.integer):
        return str(int(number))
    text = f"{float(number):.6g}"
    return text if any(mark in text for mark in ".einf") else text + ".0"


def _fmt(value: Any) -> str:
    array = np.asarray(value)
    if array.ndim == 0:
        return _fmt_number(array.item())
    return np.array2string(
        array, separator=", ", formatter={"all": _fmt_number}, max_line_width=10_000
    )


def _describe(value: Any) -> str:
    """A short description of a value for a one-line message."""
    if isinstance(value, np.ndarray):
        small = value.size <= 6 and value.ndim <= 1
        return _fmt(value) if small else f"an array of shape {value.shape}"
    if isinstance(value, int | float | np.number):
        return _fmt(value)
    text = repr(value)
    return text if len(text) <= 40 else f"a {type(value).__name__}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _describe_args(args: Sequence[Any]) -> str:
    return ", ".join(_describe(arg) for arg in args)


# --- Lesson 01 · neuron -------------------------------------------------------
# (end of lesson 01 checks)

# --- Lesson 02 · activations --------------------------------------------------
# (end of lesson 02 checks)

# --- Lesson 03 · losses -------------------------------------------------------
# (end of lesson 03 checks)

# --- Lesson 04 · gradient descent ---------------------------------------------
# (end of lesson 04 checks)

# --- Lesson 05 · backprop -----------------------------------------------------
# (end of lesson 05 checks)

# --- Lesson 06 · MLP from scratch ---------------------------------------------
# (end of lesson 06 checks)

# --- Lesson 07 · Keras MNIST --------------------------------------------------
# (end of lesson 07 checks)

# --- Lesson 08 · better models ------------------------------------------------
# (end of lesson 08 checks)
