"""What every exercise check must survive, shared by the tests of the lesson checks."""

from __future__ import annotations

import pytest

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


def not_implemented(*args, **kwargs):
    """An exercise as the student copy hands it out."""
    raise NotImplementedError()


def returns_none(*args, **kwargs):
    """An answer that forgot its return statement."""
    return None
