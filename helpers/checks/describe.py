"""Describing a learner's values in one line: numbers as a learner writes them, arrays by shape,
never an object's memory address."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def fmt_number(number: Any) -> str:
    if isinstance(number, bool | np.bool_):
        return str(bool(number))
    if isinstance(number, int | np.integer):
        return str(int(number))
    text = f"{float(number):.6g}"
    return text if any(mark in text for mark in ".einf") else text + ".0"


def fmt(value: Any) -> str:
    array = np.asarray(value)
    if array.ndim == 0:
        return fmt_number(array.item())
    return np.array2string(
        array, separator=", ", formatter={"all": fmt_number}, max_line_width=10_000
    )


def describe(value: Any) -> str:
    """A short description of a value for a one-line message."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "USa":
            return f"an array of text, shape {value.shape}"
        if value.dtype.kind not in "biuf":
            return f"an array of {value.dtype.name} values, shape {value.shape}"
        small = value.size <= 6 and value.ndim <= 1
        return fmt(value) if small else f"an array of shape {value.shape}"
    if isinstance(value, bool | int | float | np.number) and not isinstance(value, complex):
        return fmt(value) if not isinstance(value, np.complexfloating) else repr(value)
    if isinstance(value, np.random.Generator):
        return "rng"
    text = repr(value)
    if " at 0x" in text or len(text) > 40:
        return f"a {type(value).__name__}"
    return text


def describe_args(args: Sequence[Any]) -> str:
    return ", ".join(describe(arg) for arg in args)


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."
