"""helpers.checks engine: a ✓ for right answers, a specific hint for each ordinary mistake."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks


def relu(x):
    return np.maximum(x, 0.0)


CASES = [(-2.0,), (np.array([-1.0, 0.0, 3.0]),)]


def run(capsys: pytest.CaptureFixture[str], function, **kwargs) -> str:
    checks.check_function(function, relu, CASES, name="relu", **kwargs)
    out = capsys.readouterr().out
    assert out.count("\n") == 1, f"a check prints exactly one line, got {out!r}"
    return out.strip()


def test_correct_function_gets_a_tick(capsys) -> None:
    assert run(capsys, relu) == "✓ relu is correct on 2 test inputs."


def test_wrong_value_names_the_input_and_gives_the_hint(capsys) -> None:
    out = run(capsys, lambda x: x, hint="negative inputs should become 0 — try np.maximum.")
    assert out == (
        "✗ relu(-2.0) returned -2.0; expected 0.0. "
        "Hint: negative inputs should become 0 — try np.maximum."
    )


def test_missing_return_is_spotted(capsys) -> None:
    def forgot_return(x):
        np.maximum(x, 0)

    assert run(capsys, forgot_return) == "✗ relu(-2.0) returned None. Did you forget `return`?"


def test_not_implemented_stub_says_so(capsys) -> None:
    def stub(x):
        # YOUR CODE HERE
        raise NotImplementedError()

    assert run(capsys, stub).startswith("… relu is not implemented yet (NotImplementedError).")


def test_exception_becomes_one_line_without_traceback(capsys) -> None:
    out = run(capsys, lambda x: x.nonexistent)
    assert out.startswith("✗ relu(-2.0) raised AttributeError:")
    assert "Traceback" not in out


def test_wrong_shape_is_reported_with_advice(capsys) -> None:
    checks.check_function(
        lambda x: x.T, lambda x: x, [(np.ones((2, 3)),)], name="identity"
    )
    out = capsys.readouterr().out
    assert "returned shape (3, 2); expected shape (2, 3)" in out
    assert "transpose" in out


def test_extra_axis_advice(capsys) -> None:
    checks.check_function(lambda x: x[:, None], lambda x: x, [(np.ones(3),)], name="f")
    assert "extra axis of length 1" in capsys.readouterr().out


def test_nan_is_reported(capsys) -> None:
    with np.errstate(all="ignore"):
        out = run(capsys, lambda x: np.log(x - 10.0))
    assert "returned NaN" in out


def test_not_a_function_is_explained(capsys) -> None:
    out = run(capsys, 3.0)
    assert "expected a function for relu, got float" in out
    assert "pass the function itself" in out


def test_learner_cannot_corrupt_the_test_inputs(capsys) -> None:
    def mutating(x):
        x *= 0
        return relu(x)

    x = np.array([1.0, -1.0])
    checks.check_function(mutating, relu, [(x,)], name="relu")
    assert "✗" in capsys.readouterr().out
    np.testing.assert_array_equal(x, [1.0, -1.0])


def test_tuples_are_compared_item_by_item(capsys) -> None:
    checks.check_function(
        lambda x: (x, x), lambda x: (x, 2 * x), [(np.arange(3.0),)], name="grads"
    )
    out = capsys.readouterr().out
    assert "value number 2" in out and "expected 4.0" in out


def test_tuple_of_wrong_length(capsys) -> None:
    checks.check_function(lambda x: x, lambda x: (x, x), [(1.0,)], name="grads")
    assert "expected 2 values" in capsys.readouterr().out


def test_strings_compare_exactly(capsys) -> None:
    checks.check_value("relu", "relu", name="choice")
    checks.check_value("tanh", "relu", name="choice")
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["✓ choice is correct.", "✗ choice is 'tanh'; expected 'relu'."]


def test_value_check_uses_tolerance(capsys) -> None:
    checks.check_value(0.1 + 0.2, 0.3, name="sum")
    checks.check_value(0.31, 0.3, name="sum", hint="add them.")
    assert capsys.readouterr().out.splitlines() == [
        "✓ sum is correct.",
        "✗ sum is 0.31; expected 0.3. Hint: add them.",
    ]


def test_non_numeric_result_is_explained(capsys) -> None:
    checks.check_value("0.3", 0.3, name="sum")
    assert "expected numbers like 0.3" in capsys.readouterr().out


def test_report_prints_first_failure_only(capsys) -> None:
    checks.report(checks.Verdict.ok("a"), checks.Verdict.wrong("b", "c"), checks.Verdict.wrong("d"))
    assert capsys.readouterr().out == "✗ b Hint: c\n"


def test_report_prints_all_successes(capsys) -> None:
    checks.report(checks.Verdict.ok("a"), checks.Verdict.ok("b"))
    assert capsys.readouterr().out == "✓ a\n✓ b\n"


def test_call_safely_returns_result_or_verdict() -> None:
    assert checks.call_safely(abs, (-2,), name="abs") == (2, None)
    result, verdict = checks.call_safely(int, ("x",), name="int")
    assert result is None and verdict is not None and not verdict.passed


def test_position_in_a_matrix_is_printed_plainly(capsys) -> None:
    checks.check_function(lambda x: x * 0, lambda x: x, [(np.ones((2, 2)),)], name="f")
    assert "at index (0, 0) got 0.0, expected 1.0" in capsys.readouterr().out
