"""Answer checks for the exercises: a one-line ✓, or a hint that says what is wrong.

A check runs the learner's function on a few inputs, compares the results
with a reference and prints one line, for example::

    ✓ relu is correct on 6 test inputs.
    ✗ relu(-2.0) returned -2.0; expected 0.0. Hint: negative inputs should become 0.
    ✗ relu returned None. Did you forget `return`?
    … relu is not implemented yet (NotImplementedError). Replace `raise NotImplementedError()`
      with your code.

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
            "Replace `raise NotImplementedError()` with your code.",
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
            f"expected a function for {name}, got {type(function).__name__} "
            f"({_describe(function)}).",
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
    problem = _difference(value, expected, rtol=rtol, atol=atol, verb="is")
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


def _difference(
    result: Any, expected: Any, *, rtol: float, atol: float, verb: str = "returned"
) -> str | None:
    """Describe how ``result`` differs from ``expected`` ("returned …; expected …"), or None."""
    has = "returned" if verb == "returned" else "has"
    if result is None and expected is not None:
        return f"{verb} None. Did you forget `return`?"
    # A tuple is several return values (e.g. (dW, db)); a list of numbers is one array.
    if isinstance(expected, tuple) or (
        isinstance(expected, list) and not _is_numeric_sequence(expected)
    ):
        if not isinstance(result, tuple | list) or len(result) != len(expected):
            return (
                f"{verb} {_describe(result)}; expected {len(expected)} values "
                f"({', '.join(_describe(item) for item in expected)})"
            )
        for position, (got, want) in enumerate(zip(result, expected, strict=True)):
            problem = _difference(got, want, rtol=rtol, atol=atol, verb=verb)
            if problem is not None:
                return f"value number {position + 1}: {problem}"
        return None
    try:
        got = np.asarray(result)
        want = np.asarray(expected)
    except Exception:  # e.g. a ragged list
        return f"{verb} {_describe(result)}, which is not an array of numbers"
    if want.dtype.kind not in "biufc":
        return None if result == expected else f"{verb} {result!r}; expected {expected!r}"
    if got.dtype.kind not in "biufc":
        return f"{verb} {_describe(result)}; expected numbers like {_describe(expected)}"
    if got.shape != want.shape:
        return (
            f"{has} shape {got.shape}; expected shape {want.shape}"
            + _shape_advice(got.shape, want.shape)
        )
    if np.any(np.isnan(got)) and not np.any(np.isnan(want)):
        return f"{verb} NaN. Check for log(0), 0/0 or overflowing exp"
    if np.allclose(got, want, rtol=rtol, atol=atol):
        return None
    if got.ndim == 0:
        return f"{verb} {_fmt(got)}; expected {_fmt(want)}"
    worst = np.unravel_index(np.argmax(np.abs(got - want)), got.shape)
    index = int(worst[0]) if len(worst) == 1 else tuple(int(i) for i in worst)
    return (
        f"{has} wrong values: at index {index} got {_fmt(got[worst])}, "
        f"expected {_fmt(want[worst])}"
    )


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

_LESSON01_TRUTH_TABLE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_LESSON01_NAND = np.array([1.0, 1.0, 1.0, 0.0])


def _lesson01_sigmoid(z: Any) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _lesson01_step(z: Any) -> np.ndarray:
    """The lesson's step function: 1 where z ≥ 0 (so step(0) = 1), else 0."""
    return (np.asarray(z, dtype=float) >= 0).astype(float)


def _lesson01_with_hint(verdict: Verdict, hint: str) -> Verdict:
    """Add ``hint`` to a failure that has none (e.g. an exception from the learner's code)."""
    if verdict.passed or verdict.message.startswith("…") or " Hint: " in verdict.message:
        return verdict
    return Verdict(False, f"{verdict.message} Hint: {hint}")


def _lesson01_verdict(
    function: Callable[..., Any],
    reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]],
    *,
    name: str,
    hint: str,
    mistakes: Sequence[tuple[Callable[..., Any], str]],
) -> Verdict:
    """Compare with ``reference``; on a failure, name a known mistake the answer matches."""
    verdict = compare_function(function, reference, cases, name=name)
    if verdict.passed or verdict.message.startswith("…"):
        return verdict
    for mistake, mistake_hint in mistakes:
        if compare_function(function, mistake, cases, name=name).passed:
            return _lesson01_with_hint(verdict, mistake_hint)
    return _lesson01_with_hint(verdict, hint)


def _lesson01_neuron_output(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return _lesson01_sigmoid(X @ w + b)


def neuron_output(function: Callable[..., Any]) -> None:
    """Exercise 1 of lesson 01: ``neuron_output(X, w, b)`` = sigmoid(X @ w + b), shape (n,)."""
    cases = [
        (
            np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0], [3.0, -2.0]]),
            np.array([0.5, -1.5]),
            -0.25,
        ),
        (np.array([[0.5, -1.0, 2.0]]), np.array([0.8, 0.2, -0.5]), 0.1),
        (np.array([[2.0], [-3.0], [0.5]]), np.array([1.5]), 1.0),
    ]
    mistakes = [
        (
            lambda X, w, b: _lesson01_sigmoid(X @ w),
            "the bias is missing: add b to X @ w before the sigmoid.",
        ),
        (
            lambda X, w, b: X @ w + b,
            "that is z, the pre-activation; the neuron's output is sigmoid(z).",
        ),
        (
            lambda X, w, b: _lesson01_step(X @ w + b),
            "this exercise uses the sigmoid neuron: return sigmoid(z), not step(z).",
        ),
    ]
    hint = (
        "compute z = X @ w + b (one number per row of X, so shape (n,)), "
        "then return sigmoid(z)."
    )
    report(
        _lesson01_verdict(
            function, _lesson01_neuron_output, cases,
            name="neuron_output", hint=hint, mistakes=mistakes,
        )
    )


def _lesson01_nand_verdict(result: Any) -> Verdict:
    if result is None:
        return Verdict.wrong("nand_weights returned None. Did you forget `return`?")
    if not isinstance(result, tuple | list) or len(result) != 2:
        return Verdict.wrong(
            f"nand_weights returned {_describe(result)}; expected a pair (w, b).",
            "end with `return w, b`, where w holds two weights and b is one number.",
        )
    try:
        w = np.asarray(result[0], dtype=float)
        b = np.asarray(result[1], dtype=float)
    except (TypeError, ValueError):
        return Verdict.wrong(
            f"nand_weights returned w = {result[0]!r}, b = {result[1]!r}; expected numbers.",
            "w could be np.array([w1, w2]) and b a float.",
        )
    if w.shape != (2,) or b.shape != ():
        swapped = w.shape == () and b.shape == (2,)
        return Verdict.wrong(
            f"nand_weights returned w of shape {w.shape} and b of shape {b.shape}; "
            "expected w of shape (2,) (one weight per input) and a single number b.",
            "the order matters: `return w, b`, weights first, then the bias."
            if swapped
            else "w could be np.array([w1, w2]) and b a float.",
        )
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        return Verdict.wrong("nand_weights returned NaN or infinite weights.")
    outputs = _lesson01_step(_LESSON01_TRUTH_TABLE @ w + b)
    described = f"w = {_fmt(w)}, b = {_fmt(b)}"
    if np.array_equal(outputs, _LESSON01_NAND):
        return Verdict.ok(f"nand_weights: {described} computes NAND on all 4 inputs.")
    if outputs[0] != 1:
        hint = "for input (0, 0) the sum is just z = b, so b must be ≥ 0."
    elif outputs[3] != 0:
        hint = (
            "for input (1, 1) you need w1 + w2 + b < 0 (a z of exactly 0 gives 1): "
            "make the weights negative."
        )
    else:
        hint = "a single 1 must still give z ≥ 0: you need w1 + b ≥ 0 and w2 + b ≥ 0."
    return Verdict.wrong(
        f"with {described} the neuron outputs {_fmt(outputs.astype(int))} on the inputs "
        f"(0, 0), (0, 1), (1, 0), (1, 1); NAND is {_fmt(_LESSON01_NAND.astype(int))}.",
        hint,
    )


def nand_weights(function: Callable[[], Any]) -> None:
    """Exercise 2 of lesson 01: ``nand_weights()`` returns (w, b) of a step neuron for NAND."""
    result, error = call_safely(function, (), name="nand_weights")
    report(error if error is not None else _lesson01_nand_verdict(result))


def _lesson01_perceptron_batch_update(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, learning_rate: float
) -> tuple[np.ndarray, float]:
    errors = y - _lesson01_step(X @ w + b)
    return w + learning_rate * X.T @ errors, b + learning_rate * float(errors.sum())


def perceptron_batch_update(function: Callable[..., Any]) -> None:
    """Exercise 3 of lesson 01: one perceptron update on a whole batch, returning (w, b)."""
    cases = [
        (np.zeros(2), 0.0, _LESSON01_TRUTH_TABLE, np.array([0.0, 0.0, 0.0, 1.0]), 0.1),
        (
            np.array([0.5, -1.0, 0.25]),
            -0.5,
            np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [2.0, 1.0, 0.0],
                      [1.0, 1.0, 1.0], [0.0, 0.0, 4.0]]),
            np.array([0.0, 1.0, 1.0, 0.0, 1.0]),
            0.5,
        ),
        # Every example already right: nothing may change.
        (np.array([1.0, 1.0]), -1.5, _LESSON01_TRUTH_TABLE, np.array([0.0, 0.0, 0.0, 1.0]), 0.1),
    ]
    def sign_flipped(w, b, X, y, learning_rate):
        new_w, new_b = _lesson01_perceptron_batch_update(w, b, X, y, learning_rate)
        return 2 * w - new_w, 2 * b - new_b

    def bias_unchanged(w, b, X, y, learning_rate):
        return _lesson01_perceptron_batch_update(w, b, X, y, learning_rate)[0], b

    def strict_step(w, b, X, y, learning_rate):
        errors = y - (X @ w + b > 0)
        return w + learning_rate * X.T @ errors, b + learning_rate * errors.sum()

    mistakes = [
        (
            sign_flipped,
            "the update goes the wrong way: errors are y - prediction, not the reverse.",
        ),
        (
            bias_unchanged,
            "the weights are right but b did not change: add learning_rate * errors.sum().",
        ),
        (
            strict_step,
            "z = 0 counts as 1 in this lesson (step(0) = 1): use step(X @ w + b), "
            "not X @ w + b > 0.",
        ),
    ]
    hint = (
        "errors = y - step(X @ w + b) (one per example); return "
        "w + learning_rate * X.T @ errors and b + learning_rate * errors.sum()."
    )
    report(
        _lesson01_verdict(
            function, _lesson01_perceptron_batch_update, cases,
            name="perceptron_batch_update", hint=hint, mistakes=mistakes,
        )
    )

# (end of lesson 01 checks)

# --- Lesson 02 · activations --------------------------------------------------


def _lesson02_sigmoid(z: Any) -> Any:
    # tanh form: never overflows, unlike 1 / (1 + exp(-z)) for very negative z.
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _lesson02_softmax(z: Any) -> np.ndarray:
    exps = np.exp(np.asarray(z, dtype=float) - np.max(z))
    return exps / exps.sum()


def _lesson02_quietly(make_verdict: Callable[[], Verdict]) -> Verdict:
    """Run a comparison without NumPy's overflow warnings: the verdict explains them."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        return make_verdict()


def _lesson02_report(success: str, *comparisons: Callable[[], Verdict]) -> None:
    """Print the first failed comparison (run in order, lazily), or one ✓ line."""
    for compare in comparisons:
        verdict = _lesson02_quietly(compare)
        if not verdict.passed:
            print(verdict.message)
            return
    print(Verdict.ok(success).message)


def softplus(softplus_fn: Callable[..., Any], softplus_grad_fn: Callable[..., Any]) -> None:
    """Check Exercise 1: softplus(z) = log(1 + e^z) and its derivative, σ(z)."""
    everyday = [(np.array([-3.0, -1.0, 0.0, 0.5, 2.0]),), (0.0,)]
    extreme = [(np.array([-800.0, 0.0, 800.0]),)]

    def reference(z: Any) -> Any:
        return np.logaddexp(0.0, z)

    _lesson02_report(
        "softplus and softplus_grad are correct on 3 test inputs, including z = ±800.",
        lambda: compare_function(
            softplus_fn, reference, everyday, name="softplus",
            hint="softplus(z) = log(1 + e^z); np.logaddexp(0, z) computes exactly that.",
        ),
        lambda: compare_function(
            softplus_fn, reference, extreme, name="softplus",
            hint="np.exp(800) overflows to inf; use np.logaddexp(0, z), which never does.",
        ),
        lambda: compare_function(
            softplus_grad_fn, _lesson02_sigmoid, everyday, name="softplus_grad",
            hint="by the chain rule, d/dz log(1 + e^z) = e^z / (1 + e^z), which is σ(z): "
            "call sigmoid(z).",
        ),
        lambda: compare_function(
            softplus_grad_fn, _lesson02_sigmoid, extreme, name="softplus_grad",
            hint="e^z / (1 + e^z) is inf / inf for z = 800; write it as σ(z) = 1 / (1 + e^(-z)).",
        ),
    )


def softmax_backward(function: Callable[..., Any]) -> None:
    """Check Exercise 2: J^T g = p ⊙ g − p (p · g), the gradient through softmax."""

    def reference(z: Any, upstream: Any) -> np.ndarray:
        p = _lesson02_softmax(z)
        return p * upstream - p * np.dot(p, upstream)

    everyday = [
        (np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 0.0])),
        (np.array([0.5, -1.0, 2.0, 0.0]), np.array([0.2, -0.3, 1.0, 0.5])),
    ]
    extreme = [(np.array([1000.0, 1001.0, 1002.0]), np.array([1.0, 2.0, 3.0]))]
    _lesson02_report(
        "softmax_backward is correct on 3 test inputs, including scores around 1000.",
        lambda: compare_function(
            function, reference, everyday, name="softmax_backward",
            hint="with p = softmax(z), return p * upstream - p * np.dot(p, upstream); "
            "both terms are needed (the second is the −p pᵀ part of the Jacobian).",
        ),
        lambda: compare_function(
            function, reference, extreme, name="softmax_backward",
            hint="large scores overflow exp: compute p with the stable softmax "
            "(subtract the max before exp).",
        ),
    )


def silu_grad(function: Callable[..., Any]) -> None:
    """Check Exercise 3: silu'(z) = σ(z) + z σ(z)(1 − σ(z))."""

    def reference(z: Any) -> Any:
        s = _lesson02_sigmoid(z)
        return s + np.asarray(z, dtype=float) * s * (1 - s)

    cases = [(np.array([-4.0, -1.0, 0.0, 0.5, 2.0, 6.0]),), (2.0,)]
    _lesson02_report(
        "silu_grad is correct on 2 test inputs.",
        lambda: compare_function(
            function, reference, cases, name="silu_grad",
            hint="product rule: (z·σ(z))' = 1·σ(z) + z·σ'(z), with σ'(z) = σ(z)(1 − σ(z)).",
        ),
    )


# (end of lesson 02 checks)

# --- Lesson 03 · losses -------------------------------------------------------

_LESSON03_EPSILON = 1e-7  # keras.backend.epsilon(), the clipping the lesson reproduces


def _lesson03_compare(
    function: Callable[..., Any],
    reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]],
    *,
    name: str,
    hint: str,
) -> None:
    """Compare and report, keeping NumPy's log(0)/overflow warnings out of the output."""
    with np.errstate(all="ignore"):
        verdict = compare_function(function, reference, cases, name=name, hint=hint)
    # compare_function adds the hint to wrong results but not to a raised error: add it there.
    if " raised " in verdict.message and " Hint: " not in verdict.message:
        verdict = Verdict(False, f"{verdict.message} Hint: {hint}")
    report(verdict)


def _lesson03_keras_mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The batch loss of keras.losses.MeanAbsoluteError (Keras is imported only when needed)."""
    import keras

    return float(keras.losses.MeanAbsoluteError()(y_true, y_pred))


def _lesson03_bce_clipped(y_true: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, _LESSON03_EPSILON, 1 - _LESSON03_EPSILON)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def _lesson03_bce_from_logits(y_true: np.ndarray, logits: np.ndarray) -> float:
    return float(np.mean(np.logaddexp(0, logits) - y_true * logits))


def mean_absolute_error(function: Callable[..., Any]) -> None:
    """Exercise 1 of lesson 03: the mean of |y_true − y_pred|, checked against Keras."""
    cases = [
        (np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])),
        # Every prediction too high: a missing abs() gives a negative "error".
        (np.array([1.0, 2.0]), np.array([3.0, 5.0])),
        (
            np.array([[0.0, 1.0, 2.0], [4.0, -2.0, 1.0]]),
            np.array([[0.5, 1.0, 0.0], [1.0, -1.0, 1.5]]),
        ),
    ]
    _lesson03_compare(
        function,
        _lesson03_keras_mae,
        cases,
        name="mean_absolute_error",
        hint="take the size of every error with np.abs, then average them all with np.mean.",
    )


def binary_cross_entropy_clipped(function: Callable[..., Any]) -> None:
    """Exercise 2 of lesson 03: binary cross-entropy with p clipped into [1e-7, 1 − 1e-7]."""
    cases = [
        (np.array([1.0, 0.0, 1.0, 1.0]), np.array([0.9, 0.2, 0.6, 0.99])),
        # Certain and wrong (label 1, p = 0), and certain and right (label 0, p = 0).
        (np.array([1.0, 0.0]), np.array([0.0, 0.0])),
        (np.array([0.0, 1.0, 1.0]), np.array([1.0, 1.0, 0.5])),
    ]
    _lesson03_compare(
        function,
        _lesson03_bce_clipped,
        cases,
        name="binary_cross_entropy_clipped",
        hint=(
            "clip before taking logs, p = np.clip(p, epsilon, 1 - epsilon) with "
            "epsilon = 1e-7, so that np.log never sees 0; then apply the BCE formula."
        ),
    )


def binary_cross_entropy_from_logits(function: Callable[..., Any]) -> None:
    """Exercise 3 of lesson 03: mean of log(1 + e^z) − y·z, finite even for logits of ±1000."""
    cases = [
        (np.array([1.0, 0.0, 1.0, 0.0]), np.array([2.0, -1.0, -1000.0, 1000.0])),
        (np.array([1.0, 0.0, 0.0]), np.array([0.5, 0.0, -3.0])),
        (np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[800.0, -2.0], [1.5, -800.0]])),
    ]
    _lesson03_compare(
        function,
        _lesson03_bce_from_logits,
        cases,
        name="binary_cross_entropy_from_logits",
        hint=(
            "don't compute sigmoid(z): for |z| near 1000 it rounds to exactly 0 or 1. "
            "Average log(1 + e^z) − y·z, writing log(1 + e^z) as np.logaddexp(0, logits)."
        ),
    )

# (end of lesson 03 checks)

# --- Lesson 04 · gradient descent ---------------------------------------------


def _lesson04_first_problem(
    function: Any,
    reference: Callable[..., Any],
    cases: Sequence[tuple[Any, ...]],
    mistakes: Sequence[tuple[Callable[..., Any], str]],
    *,
    name: str,
    hint: str,
) -> Verdict:
    """Like compare_function, but a result that matches a known mistake gets that mistake's hint."""
    for args in cases:
        result, error = call_safely(function, args, name=name)
        if error is not None:
            # A crash (often: code for one number, called with arrays) gets the formula hint.
            if " raised " in error.message and " Hint: " not in error.message:
                return Verdict(False, f"{error.message} Hint: {hint}")
            return error
        expected = reference(*copy.deepcopy(tuple(args)))
        problem = _difference(result, expected, rtol=1e-6, atol=1e-9)
        if problem is None:
            continue
        specific = None if result is None else hint  # "forgot return?" needs no formula hint
        for mistake, mistake_hint in mistakes:
            wrong = mistake(*copy.deepcopy(tuple(args)))
            if _difference(result, wrong, rtol=1e-6, atol=1e-9) is None:
                specific = mistake_hint
                break
        return Verdict.wrong(_sentence(f"{name}({_describe_args(args)}) {problem}"), specific)
    return Verdict.ok(f"{name} is correct on {len(cases)} test inputs.")


def _lesson04_gd_step(theta: Any, gradient: Any, learning_rate: float) -> np.ndarray:
    return np.asarray(theta, dtype=float) - learning_rate * np.asarray(gradient, dtype=float)


_LESSON04_GD_STEP_CASES = [
    (3.0, 2.0, 0.1),
    (np.array([1.0, -2.0]), np.array([0.5, -4.0]), 0.25),
    (np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[1.0, 1.0], [-1.0, 0.5]]), 0.01),
]


def gradient_descent_step(function: Callable[..., Any]) -> None:
    """Check Exercise 1 of lesson 04: one step θ − α∇L(θ)."""
    mistakes = [
        (
            lambda theta, gradient, rate: np.asarray(theta) + rate * np.asarray(gradient),
            "that step goes uphill. The gradient points up the slope: subtract it.",
        ),
        (
            lambda theta, gradient, rate: np.asarray(gradient) - rate * np.asarray(gradient),
            "the new value must start from theta: theta − learning_rate · gradient. "
            "'grad − α·grad' forgets where you are.",
        ),
        (
            lambda theta, gradient, rate: np.asarray(theta) - np.asarray(gradient),
            "multiply the gradient by learning_rate before subtracting it.",
        ),
        (
            lambda theta, gradient, rate: np.asarray(theta) - rate,
            "subtract learning_rate times the gradient, not the learning rate alone.",
        ),
    ]
    report(
        _lesson04_first_problem(
            function,
            _lesson04_gd_step,
            _LESSON04_GD_STEP_CASES,
            mistakes,
            name="gradient_descent_step",
            hint="return theta - learning_rate * gradient.",
        )
    )


def _lesson04_mse_gradient(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
    residual = w * np.asarray(x, dtype=float) + b - np.asarray(y, dtype=float)
    return float(2 * np.mean(residual * x)), float(2 * np.mean(residual))


_LESSON04_MSE_CASES = [
    (0.0, 0.0, np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])),
    (1.5, -0.5, np.array([-1.0, 0.0, 2.0, 4.0]), np.array([0.0, 1.0, 1.0, 5.0])),
    (-2.0, 3.0, np.linspace(-3.0, 3.0, 7), np.linspace(-3.0, 3.0, 7) ** 2),
]


def mse_gradient(function: Callable[..., Any]) -> None:
    """Check Exercise 2 of lesson 04: (∂L/∂w, ∂L/∂b) of the mean squared error."""

    def scaled(factor: float) -> Callable[..., tuple[float, float]]:
        def mistake(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
            dw, db = _lesson04_mse_gradient(w, b, x, y)
            return dw * factor, db * factor

        return mistake

    def summed(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
        dw, db = _lesson04_mse_gradient(w, b, x, y)
        return dw * len(x), db * len(x)

    def swapped(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
        dw, db = _lesson04_mse_gradient(w, b, x, y)
        return db, dw

    def no_x(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
        _, db = _lesson04_mse_gradient(w, b, x, y)
        return db, db

    def as_pair(w: float, b: float, x: Any, y: Any) -> Any:
        result = function(w, b, x, y)
        # An array [dL_dw, dL_db] is as good an answer as the tuple (dL_dw, dL_db).
        if isinstance(result, np.ndarray) and result.shape == (2,):
            return tuple(result)
        return result

    mistakes = [
        (scaled(0.5), "the square brings down a factor 2: ∂/∂w (ŷ − y)² = 2(ŷ − y)·x."),
        (scaled(-1.0), "the sign is flipped: use the residual ŷ − y = w·x + b − y, not y − ŷ."),
        (summed, "average over the examples (np.mean), don't just add them up."),
        (swapped, "return the two numbers in the order (dL_dw, dL_db)."),
        (no_x, "∂ŷ/∂w = x, so each residual in dL_dw is multiplied by its x."),
    ]
    report(
        _lesson04_first_problem(
            as_pair if callable(function) else function,
            _lesson04_mse_gradient,
            _LESSON04_MSE_CASES,
            mistakes,
            name="mse_gradient",
            hint="residual = w * x + b - y; "
            "return 2 * np.mean(residual * x), 2 * np.mean(residual).",
        )
    )


def _lesson04_momentum_classic(
    theta: Any, gradient: Any, velocity: Any, learning_rate: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    velocity = beta * np.asarray(velocity, dtype=float) + np.asarray(gradient, dtype=float)
    return np.asarray(theta, dtype=float) - learning_rate * velocity, velocity


_LESSON04_MOMENTUM_CASES = [
    (np.array([1.0, -2.0]), np.array([0.5, 4.0]), np.zeros(2), 0.1, 0.9),
    (np.array([1.0, -2.0]), np.array([0.5, 4.0]), np.array([1.0, -1.0]), 0.1, 0.9),
    (np.array([0.3, 0.2, -0.7]), np.array([-1.0, 2.0, 0.0]), np.array([2.0, 0.5, 3.0]), 0.05, 0.5),
]


def momentum_step_classic(function: Callable[..., Any]) -> None:
    """Check Exercise 3 of lesson 04: v ← βv + ∇L, θ ← θ − αv, returned as (theta, velocity)."""

    def old_velocity(theta, gradient, velocity, rate, beta):
        new_theta = np.asarray(theta) - rate * np.asarray(velocity)
        return new_theta, beta * np.asarray(velocity) + np.asarray(gradient)

    def no_beta(theta, gradient, velocity, rate, beta):
        return np.asarray(theta) - rate * np.asarray(gradient), np.asarray(gradient, dtype=float)

    def keras_form(theta, gradient, velocity, rate, beta):
        velocity = beta * np.asarray(velocity) - rate * np.asarray(gradient)
        return np.asarray(theta) + velocity, velocity

    def uphill(theta, gradient, velocity, rate, beta):
        velocity = beta * np.asarray(velocity) + np.asarray(gradient)
        return np.asarray(theta) + rate * velocity, velocity

    mistakes = [
        (old_velocity, "update the velocity first, then move theta with the NEW velocity."),
        (no_beta, "the velocity must remember past steps: velocity = beta * velocity + gradient."),
        (
            keras_form,
            "that is the other convention (momentum_step above). Here the velocity "
            "accumulates raw gradients, and learning_rate is applied when theta moves.",
        ),
        (uphill, "theta moves downhill: theta - learning_rate * velocity."),
    ]
    report(
        _lesson04_first_problem(
            function,
            _lesson04_momentum_classic,
            _LESSON04_MOMENTUM_CASES,
            mistakes,
            name="momentum_step_classic",
            hint="velocity = beta * velocity + gradient; theta = theta - learning_rate * velocity; "
            "return theta, velocity.",
        )
    )


# (end of lesson 04 checks)

# --- Lesson 05 · backprop -----------------------------------------------------


def _lesson05_with_hint(verdict: Verdict, hint: str) -> Verdict:
    """Add ``hint`` to a failure that has none (e.g. an exception from the learner's code)."""
    if verdict.passed or verdict.message.startswith("…") or " Hint: " in verdict.message:
        return verdict
    return Verdict(False, f"{verdict.message} Hint: {hint}")


def _lesson05_matches(result: Any, candidate: np.ndarray) -> bool:
    """True if ``result`` is an array of ``candidate``'s shape and values."""
    try:
        got = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == candidate.shape and bool(np.allclose(got, candidate))


def _lesson05_count(result: Any) -> str:
    """'2 values' for a tuple or list, else a short description of ``result``."""
    if isinstance(result, tuple | list):
        return f"{len(result)} value{'s' * (len(result) != 1)}"
    return _describe(result)


def _lesson05_sigmoid(z: Any) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _lesson05_dense_backward(
    dZ: np.ndarray, X: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return X.T @ dZ, dZ.sum(axis=0), dZ @ W.T


_LESSON05_DENSE_HINTS = {
    "dW": "dW has the shape of W, (in, out): the layer's input X, transposed, times dZ.",
    "db": "db has the shape of b, (out,): add dZ up over the batch axis only (axis=0).",
    "dX": "dX has the shape of X, (n, in): dZ times W transposed.",
}


def _lesson05_dense_verdict(function: Callable[..., Any]) -> Verdict:
    case_rng = np.random.default_rng(5)
    cases = [
        tuple(case_rng.normal(size=shape) for shape in ((n, out), (n, inp), (inp, out)))
        for n, inp, out in ((4, 3, 2), (1, 2, 5), (6, 5, 1), (3, 3, 3))
    ]
    for args in cases:
        result, error = call_safely(function, args, name="dense_backward")
        if error is not None:
            return error
        if result is None:
            return Verdict.wrong("dense_backward returned None. Did you forget `return`?")
        if not isinstance(result, tuple | list) or len(result) != 3:
            return Verdict.wrong(
                f"dense_backward returned {_lesson05_count(result)}; expected three arrays.",
                "end the function with `return dW, db, dX`.",
            )
        expected = _lesson05_dense_backward(*args)
        for part, got, want in zip(("dW", "db", "dX"), result, expected, strict=True):
            problem = _difference(got, want, rtol=1e-6, atol=1e-9)
            if problem is not None:
                shapes = ", ".join(
                    f"{name} {arg.shape}" for name, arg in zip(("dZ", "X", "W"), args, strict=True)
                )
                return Verdict.wrong(
                    _sentence(f"dense_backward with {shapes} gave a wrong {part}: it {problem}"),
                    _LESSON05_DENSE_HINTS[part],
                )
    return Verdict.ok(f"dense_backward is correct on {len(cases)} test inputs.")


def dense_backward(function: Callable[..., Any]) -> None:
    """Exercise 1 of lesson 05: ``dense_backward(dZ, X, W)`` returns (dW, db, dX) for Z = XW + b."""
    report(_lesson05_dense_verdict(function))


def _lesson05_sigmoid_mse_grad(z: Any, y: Any) -> np.ndarray:
    p = _lesson05_sigmoid(z)
    return 2 * (p - y) * p * (1 - p) / len(z)


def _lesson05_sigmoid_mse_hint(function: Callable[..., Any]) -> str:
    """The hint for a wrong answer, specific when it matches a typical mistake."""
    z = np.array([-2.0, 0.5, 3.0, -0.1])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    result, _ = call_safely(function, (z, y), name="sigmoid_mse_grad")
    p = _lesson05_sigmoid(z)
    n = len(z)
    mistakes = [
        (
            (p - y) / n,
            "that is the cross-entropy gradient. With squared error the chain rule also "
            "multiplies by σ'(z) = p(1 − p).",
        ),
        (
            2 * (p - y) / n,
            "you have ∂L/∂p; multiply by ∂p/∂z = σ'(z) = p(1 − p) (chain rule).",
        ),
        (
            2 * (p - y) * p * (1 - p),
            "L is the mean over the batch, so divide by n = len(z).",
        ),
        (
            (p - y) * p * (1 - p) / n,
            "the derivative of (p − y)² is 2(p − y): a factor 2 is missing.",
        ),
    ]
    for candidate, hint in mistakes:
        if _lesson05_matches(result, candidate):
            return hint
    return (
        "with p = sigmoid(z), ∂L/∂z = ∂L/∂p · ∂p/∂z = 2(p − y)/n · p(1 − p), "
        "computed element-wise."
    )


def sigmoid_mse_grad(function: Callable[..., Any]) -> None:
    """Exercise 2 of lesson 05: ∂/∂z of mean((sigmoid(z) − y)²), i.e. 2(p − y)p(1 − p)/n."""
    cases = [
        (np.array([0.0]), np.array([1.0])),
        (np.array([-2.0, 0.5, 3.0, -0.1]), np.array([1.0, 0.0, 1.0, 0.0])),
        (np.array([[1.5], [-4.0], [0.2]]), np.array([[0.0], [1.0], [1.0]])),
    ]
    verdict = compare_function(
        function, _lesson05_sigmoid_mse_grad, cases, name="sigmoid_mse_grad", rtol=1e-6
    )
    if not verdict.passed:
        verdict = _lesson05_with_hint(verdict, _lesson05_sigmoid_mse_hint(function))
    report(verdict)


def _lesson05_relu_backward(dA: Any, Z: Any) -> np.ndarray:
    return np.asarray(dA, dtype=float) * (np.asarray(Z) > 0)


def _lesson05_relu_hint(function: Callable[..., Any]) -> str:
    """The hint for a wrong answer, specific when it matches a typical mistake."""
    dA = np.array([2.0, 3.0, 4.0])
    Z = np.array([-1.0, 0.0, 5.0])
    result, _ = call_safely(function, (dA, Z), name="relu_backward")
    mistakes = [
        (dA * (Z >= 0), "at exactly z = 0 the lesson (like TensorFlow) takes 0: use Z > 0."),
        ((Z > 0).astype(float), "that is relu'(Z) alone; multiply it by the incoming gradient dA."),
        (np.maximum(dA, 0), "the mask comes from Z (where the forward pass was positive), not dA."),
        (np.maximum(Z, 0), "that is relu(Z), the forward pass; the backward pass masks dA."),
    ]
    for candidate, hint in mistakes:
        if _lesson05_matches(result, candidate):
            return hint
    return "keep dA where Z > 0 and put 0 elsewhere: dA * (Z > 0)."


def relu_backward(function: Callable[..., Any]) -> None:
    """Exercise 3 of lesson 05: ``relu_backward(dA, Z)`` = dA where Z > 0, else 0."""
    case_rng = np.random.default_rng(55)
    Z = case_rng.normal(size=(4, 3))
    Z[1, 2] = Z[3, 0] = 0.0
    cases = [
        (np.array([2.0, 3.0, 4.0]), np.array([-1.0, 0.0, 5.0])),
        (case_rng.normal(size=(4, 3)), Z),
        (np.array([-1.5, 2.0, 0.5]), np.array([3.0, -2.0, 0.0])),
    ]
    verdict = compare_function(function, _lesson05_relu_backward, cases, name="relu_backward")
    if not verdict.passed:
        verdict = _lesson05_with_hint(verdict, _lesson05_relu_hint(function))
    report(verdict)


# (end of lesson 05 checks)

# --- Lesson 06 · MLP from scratch ---------------------------------------------


def _lesson06_array(result: Any) -> np.ndarray | None:
    """``result`` as a NumPy array of numbers, or None if it is not one."""
    try:
        array = np.asarray(result)
    except Exception:  # e.g. a ragged list
        return None
    return array if array.dtype.kind in "biuf" else None


def _lesson06_one_hot(labels: Any) -> np.ndarray:
    return np.eye(10, dtype=np.float32)[np.asarray(labels)]


def _lesson06_one_hot_verdict(function: Callable[..., Any]) -> Verdict:
    name = "one_hot_digits"
    cases = [
        (np.array([3, 0, 9]),),
        (np.array([7]),),
        (np.arange(10),),
        (np.array([5, 5, 1, 2, 2, 8]),),
    ]
    verdict = compare_function(
        function,
        _lesson06_one_hot,
        cases,
        name=name,
        hint="row i is all zeros except a 1 in column labels[i]; there are always 10 columns, "
        "one per digit, even when some digits are missing from labels.",
    )
    if not verdict.passed:
        return verdict
    result, _ = call_safely(function, cases[0], name=name)
    dtype = np.asarray(result).dtype
    if dtype != np.float32:
        return Verdict.wrong(
            f"{name} has the right values but dtype {dtype}; expected float32.",
            "the lesson keeps its arrays float32 (half the memory of float64): "
            "create the array with dtype=np.float32, or end with .astype(np.float32).",
        )
    return verdict


def one_hot_digits(function: Callable[..., Any]) -> None:
    """Exercise 1 of lesson 06: ``one_hot_digits(labels)`` returns (n, 10) float32 one-hot rows."""
    report(_lesson06_one_hot_verdict(function))


def _lesson06_glorot_verdict(function: Callable[..., Any]) -> Verdict:
    name = "glorot_uniform"
    for fan_in, fan_out in ((784, 128), (128, 10), (30, 300)):
        args = (fan_in, fan_out, np.random.default_rng(6))
        described = f"{name}({fan_in}, {fan_out}, rng)"
        result, error = call_safely(function, args, name=name)
        if error is not None:
            return error
        if result is None:
            return Verdict.wrong(f"{name} returned None. Did you forget `return`?")
        weights = _lesson06_array(result)
        if weights is None:
            return Verdict.wrong(
                f"{described} returned {_describe(result)}; expected an array of numbers."
            )
        if weights.shape != (fan_in, fan_out):
            return Verdict.wrong(
                f"{described} returned shape {weights.shape}; expected ({fan_in}, {fan_out})"
                + _shape_advice(weights.shape, (fan_in, fan_out))
                + ".",
                "pass size=(fan_in, fan_out) to rng.uniform: one row per input, "
                "one column per unit, like a Keras Dense kernel.",
            )
        limit = np.sqrt(6 / (fan_in + fan_out))
        formula = "limit = sqrt(6 / (fan_in + fan_out)), then rng.uniform(-limit, limit, size)."
        if not np.all(np.isfinite(weights)):
            return Verdict.wrong(f"{described} contains NaN or infinite values.", formula)
        largest = float(np.abs(weights).max())
        if largest > limit * (1 + 1e-6):
            return Verdict.wrong(
                f"{described} has a weight of size {_fmt(largest)}, beyond the limit "
                f"±{_fmt(limit)}.",
                "Glorot *uniform* draws from rng.uniform(-limit, limit, size), never beyond "
                f"the limit; {formula}",
            )
        spread = float(weights.std())
        expected_spread = limit / np.sqrt(3)  # the standard deviation of U(-limit, limit)
        if abs(spread / expected_spread - 1) > 0.05 or largest < 0.9 * limit:
            return Verdict.wrong(
                f"{described} has standard deviation {_fmt(spread)}; expected about "
                f"{_fmt(expected_spread)} (values spread evenly over ±{_fmt(limit)}).",
                formula,
            )
        if abs(float(weights.mean())) > 0.05 * limit:
            return Verdict.wrong(
                f"{described} has mean {_fmt(weights.mean())}; expected about 0.",
                "the interval is symmetric around 0: from -limit to +limit.",
            )
        if weights.dtype != np.float32:
            return Verdict.wrong(
                f"{described} is right but has dtype {weights.dtype}; expected float32.",
                "end with .astype(np.float32): the network trains in float32.",
            )
        again, _ = call_safely(function, (fan_in, fan_out, np.random.default_rng(6)), name=name)
        again = _lesson06_array(again)
        if again is None or again.shape != weights.shape or not np.array_equal(again, weights):
            return Verdict.wrong(
                f"{name} gave different weights for two generators with the same seed.",
                "draw the numbers from the rng you are given (rng.uniform), not np.random, "
                "so that a seed makes the lesson repeatable.",
            )
    return Verdict.ok(f"{name} is correct on 3 layer sizes.")


def glorot_uniform(function: Callable[..., Any]) -> None:
    """Exercise 2 of lesson 06: ``glorot_uniform(fan_in, fan_out, rng)``, Keras's default kernel."""
    report(_lesson06_glorot_verdict(function))


def _lesson06_probabilities(
    image: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray, scale: float
) -> np.ndarray:
    x = image.reshape(1, 784).astype(np.float64) / scale
    logits = np.maximum(x @ W1 + b1, 0) @ W2 + b2
    exps = np.exp(logits - logits.max())
    return (exps / exps.sum()).reshape(10)


def _lesson06_predict_digit(
    image: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray
) -> tuple[int, float]:
    probabilities = _lesson06_probabilities(image, W1, b1, W2, b2, scale=255.0)
    digit = int(np.argmax(probabilities))
    return digit, float(probabilities[digit])


def _lesson06_predict_cases() -> list[tuple[np.ndarray, ...]]:
    case_rng = np.random.default_rng(63)  # a seed whose three images get three different digits
    weights = (
        (case_rng.normal(size=(784, 128)) * np.sqrt(2 / 784)).astype(np.float32),
        (case_rng.normal(size=128) * 0.1).astype(np.float32),
        (case_rng.normal(size=(128, 10)) * np.sqrt(2 / 128)).astype(np.float32),
        (case_rng.normal(size=10) * 0.1).astype(np.float32),
    )
    cases = []
    for top, left in ((2, 4), (8, 10), (4, 0)):
        image = np.zeros((28, 28), dtype=np.uint8)
        image[top : top + 18, left : left + 16] = case_rng.integers(
            0, 256, size=(18, 16), dtype=np.uint8
        )
        cases.append((image, *weights))
    return cases


def _lesson06_predict_hint(result: Any, args: tuple[np.ndarray, ...]) -> str:
    """The hint for a wrong prediction, specific when it matches a typical mistake."""
    image, W1, b1, W2, b2 = args
    if isinstance(result, tuple | list) and len(result) == 2:
        probability = _lesson06_array(result[1])
        if probability is not None and probability.shape == ():
            unscaled = _lesson06_probabilities(*args, scale=1.0)
            scaled = _lesson06_probabilities(*args, scale=255.0)
            logits = np.maximum(image.reshape(1, 784) / 255.0 @ W1 + b1, 0) @ W2 + b2
            if np.isclose(probability, unscaled.max(), rtol=1e-4):
                return (
                    "the network was trained on pixels scaled to [0, 1]: divide the image by "
                    "255 (as float32) before the forward pass."
                )
            if np.isclose(probability, logits.max(), rtol=1e-4):
                return "that is the largest logit; apply softmax to get a probability."
            if np.isclose(probability, scaled.min(), rtol=1e-4):
                return "the prediction is the digit with the LARGEST probability: np.argmax."
    return (
        "reshape the image to (1, 784), convert to float32 and divide by 255, run the forward "
        "pass and softmax, then return (int(np.argmax(p)), float(p.max()))."
    )


def _lesson06_predict_verdict(function: Callable[..., Any]) -> Verdict:
    name = "predict_digit"
    for args in _lesson06_predict_cases():
        result, error = call_safely(function, args, name=name)
        if error is not None:
            return error
        if result is None:
            return Verdict.wrong(f"{name} returned None. Did you forget `return`?")
        expected = _lesson06_predict_digit(*args)
        if not isinstance(result, tuple | list) or len(result) != 2:
            return Verdict.wrong(
                f"{name} returned {_describe(result)}; expected two values, "
                f"(digit, probability) such as ({expected[0]}, {_fmt(expected[1])}).",
                "end the function with `return digit, probability`.",
            )
        problem = _difference(tuple(result), expected, rtol=1e-4, atol=1e-6)
        if problem is not None:
            return Verdict.wrong(
                _sentence(f"{name}(a 28×28 image, W1, b1, W2, b2) {problem}"),
                _lesson06_predict_hint(result, args),
            )
    return Verdict.ok(f"{name} is correct on 3 test images.")


def predict_digit(function: Callable[..., Any]) -> None:
    """Exercise 3 of lesson 06: ``predict_digit(image, W1, b1, W2, b2)`` → (digit, probability)."""
    report(_lesson06_predict_verdict(function))


# (end of lesson 06 checks)

# --- Lesson 07 · Keras MNIST --------------------------------------------------

# The baseline's Dense layers; Rescaling and Flatten learn nothing, so they don't count.
_LESSON07_BASELINE = (("Dense", 128, "relu"), ("Dense", 10, "softmax"))


def _lesson07_dense_parameter_count(n_inputs: int, n_units: int) -> int:
    return n_inputs * n_units + n_units


def dense_parameter_count(function: Callable[..., Any]) -> None:
    """Check ``dense_parameter_count(n_inputs, n_units)``: weights plus biases of a Dense layer."""
    cases = [(784, 128), (128, 10), (3, 2), (1, 1), (784, 256)]
    for n_inputs, n_units in cases:
        result, error = call_safely(function, (n_inputs, n_units), name="dense_parameter_count")
        if error is not None:
            report(error)
            return
        if not isinstance(result, int | float | np.number) or result == (
            _lesson07_dense_parameter_count(n_inputs, n_units)
        ):
            continue  # right, or not a number: check_function below says what is wrong
        if result == n_inputs * n_units:
            report(Verdict.wrong(
                f"dense_parameter_count({n_inputs}, {n_units}) returned {result}, the weights "
                "only.",
                "each unit also has one bias b, so add n_units.",
            ))
            return
        if result == n_inputs * n_units + n_inputs:
            report(Verdict.wrong(
                f"dense_parameter_count({n_inputs}, {n_units}) returned {result}.",
                "there is one bias per unit (per output), not one per input.",
            ))
            return
    check_function(
        function,
        _lesson07_dense_parameter_count,
        cases,
        name="dense_parameter_count",
        hint="one weight for every (input, unit) pair, plus one bias per unit.",
    )


def _lesson07_call(function: Any, args: Sequence[Any], name: str) -> tuple[Any, Verdict | None]:
    """Like call_safely, without deep-copying (a Keras model must stay the same object)."""
    if not callable(function) or hasattr(function, "count_params"):  # a model is callable too
        return None, Verdict.wrong(
            f"expected a function for {name}, got {type(function).__name__}.",
            f"pass the function itself: {name}, not {name}().",
        )
    try:
        return function(*args), None
    except NotImplementedError:
        return None, Verdict.not_implemented(name)
    except Exception as error:  # a learner's mistake becomes a hint, never a traceback
        return None, Verdict.wrong(_sentence(f"{name} raised {type(error).__name__}: {error}"))


def _lesson07_signature(model: Any) -> tuple[tuple[str, Any, Any], ...]:
    """The layers of ``model`` as (type, units, activation), ignoring layer names."""
    layers = []
    for layer in model.layers:
        units = getattr(layer, "units", None)
        activation = getattr(getattr(layer, "activation", None), "__name__", None)
        layers.append((type(layer).__name__, units, activation))
    return tuple(layers)


def _lesson07_shape_text(model: Any) -> str:
    units = [str(layer.units) for layer in model.layers if hasattr(layer, "units")]
    return " → ".join(["784", *units])


def _lesson07_model_verdict(model: Any, name: str) -> Verdict:
    """Is ``model`` a Keras model mapping a batch of 28×28 images to 10 probabilities?"""
    import keras  # imported here: the checks of lessons 01–06 do not need TensorFlow

    if model is None:
        return Verdict.wrong(f"{name} returned None. Did you forget `return`?")
    if not isinstance(model, keras.Model):
        return Verdict.wrong(
            f"{name} returned {_describe(model)}, not a Keras model.",
            "return keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), …]).",
        )
    images = np.random.default_rng(0).uniform(0, 1, size=(3, 28, 28)).astype(np.float32)
    try:
        probabilities = np.asarray(model(images, training=False))
    except Exception as error:  # a wrong input shape, for example
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return Verdict.wrong(
            _sentence(
                f"your model could not take a batch of 28×28 images "
                f"({type(error).__name__}: {first_line})"
            ),
            "start with keras.Input((28, 28)) and keras.layers.Flatten().",
        )
    if probabilities.shape == (3, 28, 10):
        return Verdict.wrong(
            "your model gives 28 rows of 10 outputs per image, shape (28, 10), not 10 outputs.",
            "add keras.layers.Flatten() right after keras.Input((28, 28)).",
        )
    if probabilities.shape != (3, 10):
        return Verdict.wrong(
            f"your model gives outputs of shape {probabilities.shape[1:]} per image; "
            "expected (10,).",
            "the last layer should be Dense(10, activation='softmax'), one output per digit.",
        )
    if not (np.all(probabilities >= 0) and np.allclose(probabilities.sum(axis=1), 1, atol=1e-4)):
        return Verdict.wrong(
            "your model's 10 outputs are not probabilities (they should be ≥ 0 and add up to 1).",
            "give the last layer activation='softmax'.",
        )
    return Verdict.ok(f"{name} returns a valid model.")


def build_my_model(function: Callable[[], Any]) -> None:
    """Check ``build_my_model()``: a valid model for 28×28 digits that differs from the baseline."""
    model, error = _lesson07_call(function, (), name="build_my_model")
    if error is not None:
        report(error)
        return
    verdict = _lesson07_model_verdict(model, "build_my_model")
    if not verdict.passed:
        report(verdict)
        return
    dense_layers = tuple(layer for layer in _lesson07_signature(model) if layer[0] == "Dense")
    if dense_layers == _LESSON07_BASELINE:
        report(Verdict.wrong(
            "build_my_model returns the baseline model itself (784 → 128 → 10).",
            "change the 128, or add a layer such as Dense(64, activation='relu') before the "
            "last one.",
        ))
        return
    report(Verdict.ok(
        f"build_my_model returns a valid model that differs from the baseline: "
        f"{_lesson07_shape_text(model)}, {model.count_params():,} parameters "
        "(the baseline has 101,770)."
    ))


def _lesson07_baseline_model() -> Any:
    import keras

    return keras.Sequential([
        keras.Input((28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def train_and_report(
    function: Callable[..., Any],
    build_model: Callable[[], Any],
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray,
    y_test: np.ndarray,
) -> None:
    """Check ``train_and_report(model, x_train, y_train, x_test, y_test)`` on a fresh model."""
    import keras

    keras.utils.set_random_seed(0)
    model, problem = _lesson07_call(build_model, (), name="build_my_model")
    which = "your model"
    if problem is not None or not _lesson07_model_verdict(model, "build_my_model").passed:
        model, which = _lesson07_baseline_model(), "the baseline model (build_my_model isn't ready)"
    before = [weights.copy() for weights in model.get_weights()]
    args = (model, x_train.copy(), y_train.copy(), x_test.copy(), y_test.copy())
    result, error = _lesson07_call(function, args, name="train_and_report")
    if error is not None:
        report(error)
        return
    if result is None:
        report(Verdict.wrong("train_and_report returned None. Did you forget `return`?"))
        return
    if isinstance(result, list | tuple) and len(result) == 2:
        report(Verdict.wrong(
            f"train_and_report returned two numbers, {_describe(list(result))}.",
            "model.evaluate returns [loss, accuracy]: return only the accuracy, the second one.",
        ))
        return
    try:
        accuracy = float(result)
    except (TypeError, ValueError):
        report(Verdict.wrong(
            f"train_and_report returned {_describe(result)}; expected one number, "
            "the test accuracy."
        ))
        return
    if all(np.array_equal(old, new) for old, new in zip(before, model.get_weights(), strict=True)):
        report(Verdict.wrong(
            "the model's weights did not change, so it was not trained.",
            "call model.fit(x_train, y_train, epochs=1, batch_size=32) before evaluating.",
        ))
        return
    if 1 < accuracy <= 100:
        report(Verdict.wrong(
            f"train_and_report returned {_fmt(accuracy)}, which looks like a percentage.",
            "return the accuracy as a fraction between 0 and 1, as model.evaluate gives it.",
        ))
        return
    predictions = np.argmax(np.asarray(model.predict(x_test, verbose=0)), axis=1)
    expected = float(np.mean(predictions == np.asarray(y_test)))
    if abs(accuracy - expected) > 1e-3:
        train_predictions = np.argmax(np.asarray(model.predict(x_train, verbose=0)), axis=1)
        on_train = float(np.mean(train_predictions == np.asarray(y_train)))
        hint = (
            "that is the accuracy on the training images; evaluate on x_test, y_test."
            if abs(accuracy - on_train) <= 1e-3
            else "return model.evaluate(x_test, y_test, verbose=0)[1], with "
            "metrics=['accuracy'] in compile."
        )
        report(Verdict.wrong(
            f"train_and_report returned {accuracy:.4f}, but the trained model's test "
            f"accuracy is {expected:.4f}.",
            hint,
        ))
        return
    report(Verdict.ok(
        f"train_and_report trained {which} ({_lesson07_shape_text(model)}) and reported its "
        f"test accuracy correctly: {accuracy:.2%}."
    ))


# (end of lesson 07 checks)

# --- Lesson 08 · better models ------------------------------------------------


def _lesson08_dropout_verdict(model: Any, rate: float) -> Verdict:
    """Is ``model`` lesson 07's dense model with one Dropout(rate) after the hidden layer?"""
    import keras  # imported here: the checks of lessons 01–06 do not need TensorFlow

    name = f"build_dropout_model({rate})"
    if model is None:
        return Verdict.wrong(f"{name} returned None. Did you forget `return`?")
    if not isinstance(model, keras.Model):
        return Verdict.wrong(
            f"{name} returned {_describe(model)}, not a Keras model.",
            "return keras.Sequential([keras.Input((28, 28)), …]).",
        )
    kinds = [type(layer).__name__ for layer in model.layers]
    if "Rescaling" not in kinds:
        return Verdict.wrong(
            f"{name} has no Rescaling layer, so it would see pixels from 0 to 255.",
            "put keras.layers.Rescaling(1 / 255) right after keras.Input((28, 28)).",
        )
    dropouts = [layer for layer in model.layers if isinstance(layer, keras.layers.Dropout)]
    if len(dropouts) != 1:
        return Verdict.wrong(
            f"{name} has {len(dropouts)} Dropout layers; expected exactly one.",
            "add keras.layers.Dropout(rate) between the two Dense layers.",
        )
    if not np.isclose(float(dropouts[0].rate), rate):
        return Verdict.wrong(
            f"{name} has a Dropout layer with rate {_fmt(dropouts[0].rate)}; "
            f"expected {_fmt(rate)}.",
            "pass the argument on: keras.layers.Dropout(rate), not a fixed number.",
        )
    dense_positions = [i for i, kind in enumerate(kinds) if kind == "Dense"]
    dropout_position = kinds.index("Dropout")
    if len(dense_positions) != 2 or not dense_positions[0] < dropout_position < dense_positions[1]:
        return Verdict.wrong(
            f"{name} has its layers in the order {' → '.join(kinds)}.",
            "use exactly two Dense layers, Dense(128, relu) then Dense(10, softmax), with the "
            "Dropout between them: it drops hidden units, never the 10 outputs.",
        )
    if model.count_params() != 101_770:
        return Verdict.wrong(
            f"{name} has {model.count_params():,} parameters; lesson 07's model has 101,770 "
            "and dropout adds none.",
            "keep Dense(128, activation='relu') and Dense(10, activation='softmax').",
        )
    images = np.full((2, 28, 28), 128, dtype=np.uint8)
    try:
        probabilities = np.asarray(model(images, training=False))
    except Exception as error:  # a learner's mistake becomes a hint, never a traceback
        return Verdict.wrong(
            _sentence(f"{name} could not take a batch of 28×28 images ({type(error).__name__})"),
            "start with keras.Input((28, 28)), then Rescaling and Flatten.",
        )
    if probabilities.shape != (2, 10) or not np.allclose(probabilities.sum(axis=1), 1, atol=1e-4):
        return Verdict.wrong(
            f"{name} does not give 10 probabilities per image.",
            "the last layer should be Dense(10, activation='softmax').",
        )
    return Verdict.ok(f"{name} builds the right model.")


def build_dropout_model(function: Callable[[float], Any]) -> None:
    """Check ``build_dropout_model(rate)``: the dense model with Dropout(rate) in the middle."""
    for rate in (0.3, 0.5):
        model, error = call_safely(function, (rate,), name="build_dropout_model")
        verdict = error or _lesson08_dropout_verdict(model, rate)
        if not verdict.passed:
            report(verdict)
            return
    report(Verdict.ok(
        "build_dropout_model builds the right model for rates 0.3 and 0.5: Dropout between the "
        "Dense layers, 101,770 parameters."
    ))


def _lesson08_early_stopping_epochs(val_losses: Sequence[float], patience: int) -> tuple[int, int]:
    """(epoch training stops after, epoch whose weights are restored), counted from 1."""
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return epoch, best_epoch
    return len(val_losses), best_epoch


_LESSON08_EARLY_STOPPING_CASES = [
    ([0.90, 0.70, 0.60, 0.65, 0.66, 0.70, 0.50], 3),
    ([1.00, 0.80, 0.60], 2),
    ([0.40, 0.30, 0.35, 0.20], 1),
    ([0.50, 0.50, 0.50, 0.50], 2),
    ([0.80, 0.60, 0.61, 0.59, 0.62, 0.63, 0.64, 0.58], 3),
]


def _lesson08_early_stopping_hint(
    got: tuple[int, int] | None, losses: list[float], patience: int
) -> str:
    stop, best = _lesson08_early_stopping_epochs(losses, patience)
    if got == (stop - 1, best - 1):
        return "count epochs from 1, as the plots do: add 1 to a zero-based index."
    if got is not None and got[1] != best:
        if got[1] == int(np.argmin(losses)) + 1:
            return (
                "EarlyStopping never sees the epochs after it stopped: look for the best loss "
                "only up to the stopping epoch."
            )
        if got[1] == len(losses) - int(np.argmin(losses[::-1])):
            return (
                "an equal loss is not an improvement: keep the first epoch that reached "
                "the minimum."
            )
    return (
        "go through the losses in order; keep the best loss and its epoch; stop at the first "
        "epoch that comes `patience` epochs after the best one."
    )


def early_stopping_epochs(function: Callable[[Sequence[float], int], Any]) -> None:
    """Check ``early_stopping_epochs(val_losses, patience)`` → (stopped epoch, restored epoch)."""
    for losses, patience in _LESSON08_EARLY_STOPPING_CASES:
        args = (list(losses), patience)
        result, error = call_safely(function, args, name="early_stopping_epochs")
        if error is not None:
            report(error)
            return
        if result is None:
            report(Verdict.wrong("early_stopping_epochs returned None. Did you forget `return`?"))
            return
        shown = f"early_stopping_epochs({losses}, patience={patience})"
        if not isinstance(result, tuple | list) or len(result) != 2:
            report(Verdict.wrong(
                f"{shown} returned {_describe(result)}; expected two numbers "
                "(stopped epoch, restored epoch).",
                "end with `return stop_epoch, best_epoch`.",
            ))
            return
        got = _lesson08_two_integers(result)
        expected = _lesson08_early_stopping_epochs(losses, patience)
        if got != expected:
            report(Verdict.wrong(
                f"{shown} returned {_describe(tuple(result))}; expected {expected}.",
                _lesson08_early_stopping_hint(got, losses, patience),
            ))
            return
    report(Verdict.ok(
        f"early_stopping_epochs is correct on {len(_LESSON08_EARLY_STOPPING_CASES)} "
        "loss histories."
    ))


def _lesson08_two_integers(pair: Sequence[Any]) -> tuple[int, int] | None:
    """``pair`` as two Python ints if both are whole numbers, else None."""
    try:
        values = tuple(float(value) for value in pair)
    except (TypeError, ValueError):
        return None
    if not all(value.is_integer() for value in values):
        return None
    return int(values[0]), int(values[1])


def _lesson08_conv2d_parameter_count(kernel_size: int, in_channels: int, filters: int) -> int:
    return (kernel_size * kernel_size * in_channels + 1) * filters


def conv2d_parameter_count(function: Callable[[int, int, int], Any]) -> None:
    """Check ``conv2d_parameter_count(kernel_size, in_channels, filters)``: weights plus biases."""
    cases = [(5, 1, 32), (3, 32, 32), (3, 1, 32), (5, 3, 64), (1, 8, 4), (3, 16, 64)]
    for kernel_size, in_channels, filters in cases:
        args = (kernel_size, in_channels, filters)
        result, error = call_safely(function, args, name="conv2d_parameter_count")
        if error is not None:
            report(error)
            return
        weights = kernel_size * kernel_size * in_channels * filters
        hints = {
            weights: "each filter also has one bias: add filters.",
            (kernel_size * kernel_size + 1) * filters: (
                "a filter spans all input channels: it has kernel_size × kernel_size × "
                "in_channels weights."
            ),
            (kernel_size * in_channels + 1) * filters: (
                "a 3×3 kernel has 3 × 3 = 9 weights per input channel: square the kernel size."
            ),
        }
        if isinstance(result, int | float | np.number) and result in hints:
            if result == _lesson08_conv2d_parameter_count(*args):
                continue
            report(Verdict.wrong(
                f"conv2d_parameter_count({kernel_size}, {in_channels}, {filters}) returned "
                f"{_fmt(result)}.",
                hints[result],
            ))
            return
    check_function(
        function,
        _lesson08_conv2d_parameter_count,
        cases,
        name="conv2d_parameter_count",
        hint="(kernel_size × kernel_size × in_channels + 1) × filters.",
    )


# (end of lesson 08 checks)
