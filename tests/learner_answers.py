"""Answers a struggling learner writes, and the helpers that replay them through the checks."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from typing import Any

import numpy as np
import pytest

from helpers import checks
from helpers.checks.ladder import last_verdict

#: The start of the line a check prints for an exercise that is not done yet.
NOT_IMPLEMENTED = "is not implemented yet (NotImplementedError)"


def printed_line(capsys: pytest.CaptureFixture[str]) -> str:
    """What a check just printed, newline included, after making sure it is one line."""
    out = capsys.readouterr().out
    assert out.count("\n") == 1, f"a check prints exactly one line, got {out!r}"
    return out


def run_check(capsys: pytest.CaptureFixture[str], check, function) -> str:
    """Run ``check(function)`` and return the one line it prints."""
    check(function)
    return printed_line(capsys).strip()


def replay(name: str, *args: Any) -> tuple[str, Any]:
    """Run ``checks.<name>(*args)``: what it printed, and its verdict."""
    out = io.StringIO()
    with redirect_stdout(out):
        getattr(checks, name)(*args)
    return out.getvalue(), last_verdict(name)


def assert_wrong(name: str, args: tuple[Any, ...], mistake: str | None) -> str:
    """A wrong answer gets one ✗ line, with a hint, naming ``mistake`` (None: the general hint)."""
    printed, verdict = replay(name, *args)
    assert printed.count("\n") == 1 and printed.startswith("✗ "), printed
    assert "Traceback" not in printed
    assert verdict.hint, f"no hint: {printed}"
    assert verdict.mistake == mistake, f"expected mistake {mistake}, got {verdict.mistake}: {printed}"
    return printed


def assert_right(name: str, args: tuple[Any, ...], line: str | None = None) -> str:
    """A right answer gets one ✓ line (exactly ``line`` when given)."""
    printed, verdict = replay(name, *args)
    assert verdict.passed and printed.count("\n") == 1, printed
    if line is not None:
        assert printed.strip() == line
    return printed


def not_implemented(*args, **kwargs):
    """An exercise as the student copy hands it out."""
    raise NotImplementedError()


def returns_none(*args, **kwargs):
    """An answer that forgot its return statement."""
    return None


def sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def step(z):
    return (np.asarray(z) >= 0).astype(float)


def softmax(z, axis=-1):
    exps = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)
