"""Answer checks for the exercises: a one-line ✓, or a hint that says what is wrong.

Each notebook calls ``checks.<exercise>(answer)``; the check runs the learner's function on
a few inputs, compares with a reference and prints one line::

    ✓ relu is correct on 6 test inputs.
    ✗ relu(-2.0) returned -2.0; expected 0.0. Hint: negative inputs should become 0. For
      another hint, run checks.hint("relu").
    … relu is not implemented yet (NotImplementedError). Replace
      `raise NotImplementedError()` with your code.

``checks.hint(name)`` gives a second, more specific hint and ``checks.solution(name)`` the
worked solution (see :mod:`helpers.checks.ladder`).  The engine is
:mod:`helpers.checks.engine`; each lesson's references, known mistakes and hints are in
``lesson01.py`` … ``lesson08.py``; :mod:`helpers.checks.registry` lists the exercises.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable, Sequence
from typing import Any

from .engine import Hints, Verdict, call, check_cases, difference, report, session
from .ladder import hint, solution
from .registry import EXERCISES, Exercise

__all__ = [
    "EXERCISES",
    "autograde",
    "Verdict",
    "call_safely",
    "check_function",
    "check_value",
    "compare_function",
    "compare_value",
    "hint",
    "report",
    "solution",
    *(exercise.check for exercise in EXERCISES),
]


def _printing_check(exercise: Exercise) -> Callable[..., None]:
    """The function a notebook calls: run the lesson's check safely and print its one line."""
    from . import ladder

    verdict_of = getattr(importlib.import_module(exercise.module), exercise.check)
    signature = inspect.signature(verdict_of)

    @functools.wraps(verdict_of)
    def check(*args: Any, **kwargs: Any) -> None:
        with session():
            try:
                signature.bind(*args, **kwargs)
            except TypeError:
                verdict = Verdict.wrong(
                    f"checks.{exercise.check} was called with {len(args) + len(kwargs)} "
                    f"argument(s); it needs {len(signature.parameters)}",
                    "run the check cell as it was given, with your function inside the "
                    "brackets", mistake="wrong_call",
                )
            else:
                try:
                    verdict = verdict_of(*args, **kwargs)
                except Exception as error:  # a check must never show a traceback
                    verdict = Verdict.wrong(
                        f"the check could not run your answer ({type(error).__name__}: "
                        f"{str(error).strip().splitlines()[0] if str(error).strip() else ''})",
                        "run the cells above this one first, then this check again",
                        mistake="check_failed",
                    )
            ladder.remember(exercise.check, verdict)
            report(verdict, exercise.check)

    first_line = (verdict_of.__doc__ or "").strip().splitlines()[0]
    check.__doc__ = (
        f"Exercise {exercise.number} of lesson {exercise.lesson:02d} · {exercise.title}: "
        f"{first_line}"
    )
    return check


for _exercise in EXERCISES:
    globals()[_exercise.check] = _printing_check(_exercise)


def autograde(name: str) -> None:
    """For nbgrader's hidden tests: repeat the learner's line on stderr unless it was a ✓.

    nbgrader gives an autograded cell 0 points when it writes to stderr, so a wrong or missing
    answer scores 0 without a traceback (tools/make_nbgrader_course.py adds this call).
    """
    import sys

    from . import ladder

    verdict = ladder.last_verdict(name)
    if verdict is None:
        print(f"{name}: its check did not run (0 points).", file=sys.stderr)
    elif not verdict.passed:
        print(f"{verdict.line()} (0 points)", file=sys.stderr)


# --- the engine's general checks, for lesson 00 and for teachers' own exercises ---------


def call_safely(function: Any, args: Sequence[Any], *, name: str) -> tuple[Any, Verdict | None]:
    """Call ``function(*args)`` on copies of ``args``; a raised error becomes a Verdict."""
    return call(function, args, name=name)


def compare_function(
    function: Callable[..., Any], reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]], *, name: str, rtol: float = 1e-5, atol: float = 1e-8,
    hint: str | None = None,
) -> Verdict:
    """Run ``function`` and ``reference`` on each case (a tuple of arguments); compare."""
    hints = Hints(hint or "", hint or "")
    return check_cases(function, reference, cases, name=name, hints=hints, rtol=rtol, atol=atol)


def compare_value(
    value: Any, expected: Any, *, name: str, rtol: float = 1e-5, atol: float = 1e-8,
    hint: str | None = None,
) -> Verdict:
    """Compare a value the learner computed with the expected one."""
    problem = difference(value, expected, rtol=rtol, atol=atol, verb="is")
    return Verdict.ok(f"{name} is correct.") if problem is None else Verdict.wrong(
        f"{name} {problem}", hint
    )


def check_function(
    function: Callable[..., Any], reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]], *, name: str, rtol: float = 1e-5, atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Print ✓ if ``function`` matches ``reference`` on every case, else the first problem."""
    with session():
        report(compare_function(
            function, reference, cases, name=name, rtol=rtol, atol=atol, hint=hint
        ))


def check_value(
    value: Any, expected: Any, *, name: str, rtol: float = 1e-5, atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Print ✓ if ``value`` equals ``expected`` (within tolerance), else what differs."""
    report(compare_value(value, expected, name=name, rtol=rtol, atol=atol, hint=hint))
