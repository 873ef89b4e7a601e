"""Unit tests of lesson 02's answer checks (helpers.checks, section "Lesson 02 · activations").

For every check: a correct answer prints ✓; typical wrong answers print ✗ with the
matching hint; a `raise NotImplementedError()` stub prints the "not implemented yet"
line; answers that return None or raise do not crash the check.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from helpers import checks
from learner_answers import not_implemented, printed_line, returns_none


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def crashes(*args):
    raise ValueError("operands could not be broadcast together")


# --- Exercise 1 · softplus and softplus_grad ---------------------------------------


def softplus(z):
    return np.logaddexp(0.0, z)


def softplus_grad(z):
    return sigmoid(z)


def test_softplus_correct(capsys):
    checks.softplus(softplus, softplus_grad)
    line = printed_line(capsys).strip()
    assert line.startswith("✓ softplus and softplus_grad are correct")


def test_softplus_naive_overflows_gets_logaddexp_hint(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the check must not leak NumPy's overflow warning
        checks.softplus(lambda z: np.log(1 + np.exp(z)), softplus_grad)
    line = printed_line(capsys).strip()
    assert line.startswith("✗ softplus(")
    assert "got inf, expected 800.0" in line
    assert "np.logaddexp(0, z)" in line


def test_softplus_wrong_formula(capsys):
    checks.softplus(lambda z: np.log(np.exp(z)), softplus_grad)
    line = printed_line(capsys).strip()
    assert line.startswith("✗ softplus(")
    assert "Hint: softplus(z) = log(1 + e^z)" in line


def test_softplus_grad_wrong_derivative(capsys):
    checks.softplus(softplus, lambda z: sigmoid(z) * (1 - sigmoid(z)))
    line = printed_line(capsys).strip()
    assert line.startswith("✗ softplus_grad(")
    assert "which is σ(z)" in line


def test_softplus_grad_naive_quotient_is_nan_at_800(capsys):
    checks.softplus(softplus, lambda z: np.exp(z) / (1 + np.exp(z)))
    line = printed_line(capsys).strip()
    assert line.startswith("✗ softplus_grad(")
    assert "NaN" in line
    assert "inf / inf" in line


def test_softplus_not_implemented(capsys):
    checks.softplus(not_implemented, not_implemented)
    assert printed_line(capsys).strip().startswith("… softplus is not implemented yet (NotImplementedError).")


def test_softplus_grad_not_implemented(capsys):
    checks.softplus(softplus, not_implemented)
    assert printed_line(capsys).strip().startswith("… softplus_grad is not implemented yet")


def test_softplus_none_and_exception(capsys):
    checks.softplus(returns_none, softplus_grad)
    assert "returned None. Did you forget `return`?" in printed_line(capsys).strip()
    checks.softplus(softplus, crashes)
    line = printed_line(capsys).strip()
    assert line.startswith("✗ softplus_grad(")
    assert "raised ValueError: operands could not be broadcast together" in line


def test_softplus_passed_a_call_instead_of_function(capsys):
    checks.softplus(softplus(0.0), softplus_grad)
    assert "pass the function itself" in printed_line(capsys).strip()


# --- Exercise 2 · softmax_backward -----------------------------------------------


def stable_softmax(z):
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def softmax_backward(z, upstream):
    p = stable_softmax(z)
    return p * upstream - p * np.dot(p, upstream)


def test_softmax_backward_correct(capsys):
    checks.softmax_backward(softmax_backward)
    assert printed_line(capsys).strip().startswith("✓ softmax_backward is correct on 3 test inputs")


def test_softmax_backward_matches_the_jacobian():
    z, upstream = np.array([1.0, 2.0, 3.0]), np.array([0.3, -1.0, 2.0])
    p = stable_softmax(z)
    jacobian = np.diag(p) - np.outer(p, p)
    np.testing.assert_allclose(softmax_backward(z, upstream), jacobian.T @ upstream)


def test_softmax_backward_missing_second_term(capsys):
    checks.softmax_backward(lambda z, upstream: stable_softmax(z) * upstream)
    line = printed_line(capsys).strip()
    assert line.startswith("✗ softmax_backward(")
    assert "both terms are needed" in line


def test_softmax_backward_naive_softmax_overflows(capsys):
    def naive(z, upstream):
        p = np.exp(z) / np.exp(z).sum()
        return p * upstream - p * np.dot(p, upstream)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        checks.softmax_backward(naive)
    line = printed_line(capsys).strip()
    assert "NaN" in line
    assert "subtract the max before exp" in line


def test_softmax_backward_stubs_do_not_crash(capsys):
    checks.softmax_backward(not_implemented)
    assert printed_line(capsys).strip().startswith("… softmax_backward is not implemented yet")
    checks.softmax_backward(returns_none)
    assert "returned None" in printed_line(capsys).strip()
    checks.softmax_backward(crashes)
    assert "raised ValueError" in printed_line(capsys).strip()


def test_softmax_backward_wrong_shape(capsys):
    checks.softmax_backward(lambda z, upstream: float(np.sum(softmax_backward(z, upstream))))
    line = printed_line(capsys).strip()
    assert "expected shape (3,)" in line


# --- Exercise 3 · silu_grad ----------------------------------------------------------


def silu_grad(z):
    s = sigmoid(z)
    return s + z * s * (1 - s)


def test_silu_grad_correct(capsys):
    checks.silu_grad(silu_grad)
    assert printed_line(capsys).strip() == "✓ silu_grad is correct on 2 test inputs."


def test_silu_grad_expected_values_in_the_lesson():
    assert silu_grad(0.0) == pytest.approx(0.5)
    assert silu_grad(2.0) == pytest.approx(1.0908, abs=1e-4)


@pytest.mark.parametrize(
    "wrong",
    [
        pytest.param(lambda z: sigmoid(z) * (1 - sigmoid(z)), id="only sigma prime"),
        pytest.param(sigmoid, id="only sigma"),
        pytest.param(lambda z: z * sigmoid(z), id="silu itself"),
    ],
)
def test_silu_grad_forgot_product_rule(capsys, wrong):
    checks.silu_grad(wrong)
    line = printed_line(capsys).strip()
    assert line.startswith("✗ silu_grad(")
    assert "Hint: product rule" in line


def test_silu_grad_stubs_do_not_crash(capsys):
    checks.silu_grad(not_implemented)
    assert printed_line(capsys).strip().startswith("… silu_grad is not implemented yet")
    checks.silu_grad(returns_none)
    assert "returned None" in printed_line(capsys).strip()
    checks.silu_grad(crashes)
    assert "raised ValueError" in printed_line(capsys).strip()
