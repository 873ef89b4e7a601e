"""The engine every exercise check shares: call the learner's code safely, compare, report.

A check returns a :class:`Verdict` (passed, failed or not done yet, with its hint as a
field); :func:`report` prints it as one line.  A known wrong answer is data, a
:class:`Mistake` (the wrong answer as a function of the test input, and its hints), and
:func:`check_cases` is the one place that maps a learner's result to a mistake's hint.
"""

from __future__ import annotations

import contextlib
import copy
import io
import random
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import permutations
from typing import Any

import numpy as np

from .describe import describe, describe_args, fmt, sentence

#: In a Mistake's answer, a part that may be anything: (dZ.T @ X, ANY, ANY) is about dW only.
ANY = type("Any", (), {"__repr__": lambda self: "ANY"})()

#: How the ✗ line tells the learner to climb the hint ladder; {name} is the exercise.
MORE_HELP = 'For another hint, run checks.hint("{name}").'


@dataclass(frozen=True)
class Hints:
    """An exercise's hint ladder: the idea first, then the formula (the solution comes last)."""

    idea: str
    formula: str


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: what it returns for the same input, and the hints it deserves.

    ``answer`` takes the exercise's arguments and returns the wrong result; ``hint`` (and
    ``more``, the second rung) may be a string or a function of those arguments.
    """

    name: str
    answer: Callable[..., Any]
    hint: str | Callable[..., str]
    more: str | Callable[..., str] | None = None


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: "pass", "fail" or "todo", what happened, and the hints."""

    status: str
    message: str
    hint: str | None = None
    more: str | None = None
    mistake: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @classmethod
    def ok(cls, message: str) -> Verdict:
        return cls("pass", message)

    @classmethod
    def wrong(
        cls, message: str, hint: str | None = None, *, more: str | None = None,
        mistake: str | None = None,
    ) -> Verdict:
        return cls("fail", sentence(message), hint, more, mistake)

    @classmethod
    def not_implemented(cls, name: str) -> Verdict:
        return cls("todo", f"{name} is not implemented yet (NotImplementedError).")

    def line(self, exercise: str | None = None) -> str:
        """The one line the learner sees; ``exercise`` adds how to ask for another hint."""
        if self.status == "pass":
            return f"✓ {self.message}"
        if self.status == "todo":
            return f"… {self.message} Replace `raise NotImplementedError()` with your code."
        text = f"✗ {self.message}"
        if self.hint:
            text += f" Hint: {sentence(self.hint)}"
        if exercise:
            text += " " + MORE_HELP.format(name=exercise)
        return text


# --- calling the learner's code ---------------------------------------------------------

_printed: list[str] = []  # what the learner's code printed during the current check


@contextlib.contextmanager
def session() -> Iterator[None]:
    """One check: the learner's prints are collected, global random states restored after."""
    numpy_state, python_state = np.random.get_state(), random.getstate()  # noqa: NPY002 - the global state is what is restored
    _printed.clear()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            yield
    finally:
        np.random.set_state(numpy_state)  # noqa: NPY002 - the global state is what is restored
        random.setstate(python_state)


def is_model(value: Any) -> bool:
    """True for a Keras model (callable too, but not the function an exercise asks for)."""
    return hasattr(value, "count_params") and hasattr(value, "layers")


def call(
    function: Any, args: Sequence[Any], *, name: str, hint: str | None = None,
    copy_args: bool = True,
) -> tuple[Any, Verdict | None]:
    """``function(*args)`` on copies of ``args``: its result, or a Verdict saying what went wrong.

    Prints are captured (the first call's are replayed once by :func:`report`); an
    exception, NotImplementedError, or a changed input becomes a Verdict.
    """
    if not callable(function) or is_model(function) or isinstance(function, type):
        return None, Verdict.wrong(
            f"expected a function for {name}, got {type(function).__name__} "
            f"({describe(function)})",
            f"pass the function itself: {name}, not {name}(...)",
            mistake="not_a_function",
        )
    given = copy.deepcopy(tuple(args)) if copy_args else tuple(args)
    pristine = copy.deepcopy(given) if copy_args else None
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output):
            result = function(*given)
    except NotImplementedError:
        return None, Verdict.not_implemented(name)
    except (Exception, SystemExit) as error:  # a learner's mistake: a hint, never a traceback
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        reason = reason if len(reason) <= 160 else reason[:157] + "..."
        return None, Verdict.wrong(
            f"{name}({describe_args(args)}) raised {type(error).__name__}"
            + (f": {reason}" if reason else ""),
            hint,
            mistake="raised",
        )
    finally:
        if output.getvalue() and not _printed:
            _printed.append(output.getvalue())
    if copy_args and not same(given, pristine):
        return None, Verdict.wrong(
            f"{name}({describe_args(args)}) changed its input in place",
            "a function should not modify the arrays it is given (the caller still needs "
            "them): compute a new array, or work on a copy (z = z.copy())",
            mistake="mutates_input",
        )
    return result, None


def same(a: Any, b: Any) -> bool:
    """Deep equality of test inputs, NaN equal to NaN (to spot a learner's in-place change)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray) and isinstance(b, np.ndarray)
            and a.shape == b.shape and a.dtype == b.dtype
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, np.random.Generator):  # consuming the rng it is given is the point
        return True
    if isinstance(a, list | tuple):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    try:
        return bool(a == b) or (a != a and b != b)
    except Exception:  # objects without a usable ==, e.g. a random generator
        return True


# --- comparing --------------------------------------------------------------------------


def numbers(value: Any) -> np.ndarray | None:
    """``value`` as an array of real numbers, or None (strings, complex, None inside...)."""
    if isinstance(value, str | bytes | dict | set) or value is None:
        return None
    try:
        array = np.asarray(value)
    except Exception:  # a ragged list, for example
        return None
    return array if array.dtype.kind in "biuf" else None


def difference(
    result: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-8,
    verb: str = "returned", parts: Sequence[str] = (),
) -> str | None:
    """How ``result`` differs from ``expected`` ("returned …; expected …"), or None if equal."""
    has = "returned" if verb == "returned" else "has"
    if expected is ANY:
        return None
    if result is None and expected is not None:
        return f"{verb} None. Did you forget `return`?"
    if isinstance(expected, tuple):  # several return values, e.g. (dW, db)
        return _tuple_difference(result, expected, rtol=rtol, atol=atol, verb=verb, parts=parts)
    want = np.asarray(expected)
    if want.dtype.kind not in "biuf":
        return None if result == expected else f"{verb} {result!r}; expected {expected!r}"
    got = numbers(result)
    if got is None:
        return f"{verb} {describe(result)}, not numbers; expected numbers like {describe(expected)}"
    if got.shape != want.shape:
        return f"{has} shape {got.shape}; expected shape {want.shape}" + shape_advice(
            got.shape, want.shape
        )
    bad = ~np.isfinite(got) & np.isfinite(want)
    if np.any(bad):
        what = "NaN (not a number)" if np.any(np.isnan(got[bad])) else "an infinite value"
        where = f" at index {_index(np.argmax(bad), got.shape)}" if got.ndim else ""
        return f"{verb} {what}{where}"
    if np.allclose(got, want, rtol=rtol, atol=atol, equal_nan=True):
        return None
    if got.ndim == 0:
        return f"{verb} {fmt(got)}; expected {fmt(want)}"
    worst = np.argmax(np.abs(got.astype(float) - want))
    return (
        f"{has} wrong values: at index {_index(worst, got.shape)} got "
        f"{fmt(got.flat[worst])}, expected {fmt(want.flat[worst])}"
    )


def _index(flat: Any, shape: tuple[int, ...]) -> Any:
    position = np.unravel_index(int(flat), shape)
    return int(position[0]) if len(position) == 1 else tuple(int(i) for i in position)


def _tuple_difference(
    result: Any, expected: tuple[Any, ...], *, rtol: float, atol: float, verb: str,
    parts: Sequence[str] = (),
) -> str | None:
    # An array of the right length is as good as a tuple: np.array([6, 3]) for (6, 3).
    if isinstance(result, np.ndarray) and result.ndim >= 1:
        result = tuple(result)
    if not isinstance(result, tuple | list) or len(result) != len(expected):
        return (
            f"{verb} {describe(result)}; expected {len(expected)} values "
            f"({', '.join(describe(item) for item in expected)})"
        )
    problems = [
        difference(got, want, rtol=rtol, atol=atol, verb=verb)
        for got, want in zip(result, expected, strict=True)
    ]
    first = next((i for i, problem in enumerate(problems) if problem), None)
    if first is None:
        return None
    if in_wrong_order(result, expected, rtol=rtol, atol=atol):
        return f"{verb} the right values in the wrong order"
    label = parts[first] if first < len(parts) else f"value number {first + 1}"
    return f"{label}: {problems[first]}"


def in_wrong_order(result: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-8) -> bool:
    """True if ``result`` holds ``expected``'s values, but in another order."""
    if not isinstance(expected, tuple) or not isinstance(result, tuple | list | np.ndarray):
        return False
    if len(result) != len(expected):
        return False
    return any(
        all(difference(result[i], want, rtol=rtol, atol=atol) is None
            for i, want in zip(order, expected, strict=True))
        for order in permutations(range(len(expected)))
        if list(order) != list(range(len(expected)))
    )


def shape_advice(got: tuple[int, ...], want: tuple[int, ...]) -> str:
    if got == (*want, 1) or got == (1, *want):
        return " (an extra axis of length 1: try .reshape or np.squeeze)"
    if got[::-1] == want and len(got) == 2:
        return " (rows and columns swapped: a missing transpose .T?)"
    return ""


def check_cases(
    function: Any,
    reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]],
    *,
    name: str,
    hints: Hints,
    mistakes: Sequence[Mistake] = (),
    rtol: float = 1e-5,
    atol: float = 1e-8,
    success: str | None = None,
    show: Callable[[tuple[Any, ...]], str] | None = None,
    parts: Sequence[str] = (),
) -> Verdict:
    """Run ``function`` on each case, compare with ``reference``; a known mistake gets its hint."""
    for args in cases:
        result, verdict = call(function, args, name=name, hint=hints.idea)
        if verdict is not None:
            return replace(verdict, more=hints.formula) if verdict.status == "fail" else verdict
        expected = reference(*copy.deepcopy(tuple(args)))
        problem = difference(result, expected, rtol=rtol, atol=atol, parts=parts)
        if problem is None:
            continue
        shown = show(args) if show else f"{name}({describe_args(args)})"
        message = f"{shown} {problem}"
        if result is None:
            printed = " It printed instead: print shows a value, return hands it back."
            return Verdict.wrong(message + (printed if _printed else ""), mistake="no_return")
        if in_wrong_order(result, expected, rtol=rtol, atol=atol):
            order = f" ({', '.join(parts)})" if parts else ""
            return Verdict.wrong(message, f"return the values in the order the exercise asks "
                                 f"for{order}", mistake="wrong_order")
        if holds_text(result):
            return Verdict.wrong(message, "numbers in quotes are text: write 0.5, not '0.5'",
                                 mistake="text")
        for mistake in mistakes:
            if matches(result, mistake.answer, args, expected=expected, rtol=rtol, atol=atol):
                return Verdict.wrong(
                    message, _text(mistake.hint, args), more=_text(mistake.more, args),
                    mistake=mistake.name,
                )
        return Verdict.wrong(message, hints.idea, more=hints.formula)
    count = len(cases)
    return Verdict.ok(success or f"{name} is correct on {count} test input{'s' * (count != 1)}.")


def matches(
    result: Any, answer: Callable[..., Any], args: Sequence[Any], *, expected: Any = None,
    rtol: float = 1e-5, atol: float = 1e-8,
) -> bool:
    """Does ``result`` equal what the wrong ``answer`` gives for ``args``?

    An ``ANY`` part of a wrong answer stands for the right value there (``expected``'s).
    """
    try:
        wrong = answer(*copy.deepcopy(tuple(args)))
    except Exception:  # a mistake that cannot happen for this input
        return False
    if isinstance(wrong, tuple) and isinstance(expected, tuple):
        wrong = tuple(
            right if part is ANY else part for part, right in zip(wrong, expected, strict=True)
        )
    return difference(result, wrong, rtol=rtol, atol=atol) is None


def holds_text(value: Any) -> bool:
    """True if ``value`` is, or holds, a string (numbers written in quotes)."""
    if isinstance(value, str | bytes):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "USa" or (
            value.dtype.kind == "O" and any(isinstance(item, str) for item in value.flat)
        )
    if isinstance(value, tuple | list):
        return any(holds_text(item) for item in value)
    return False


def _text(text: str | Callable[..., str] | None, args: Sequence[Any]) -> str | None:
    return text(*args) if callable(text) else text


# --- reporting --------------------------------------------------------------------------


def report(verdict: Verdict, exercise: str | None = None) -> None:
    """Print what the learner's code printed (once), then the verdict's one line."""
    if _printed:
        text = _printed[0]
        print(text, end="" if text.endswith("\n") else "\n")
        _printed.clear()
    print(verdict.line(exercise))


def first_failure(*verdicts: Callable[[], Verdict]) -> Verdict | None:
    """Run the comparisons in order, lazily; return the first that did not pass."""
    for make in verdicts:
        verdict = make()
        if not verdict.passed:
            return verdict
    return None
