"""helpers.checks engine: a ✓ for right answers, a specific hint for each ordinary mistake."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.checks import engine


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


def test_a_verdict_carries_its_hint_as_data() -> None:
    verdict = checks.Verdict.wrong("relu(-2.0) returned -2.0; expected 0.0", "negative inputs become 0")
    assert (verdict.passed, verdict.message, verdict.hint) == (
        False, "relu(-2.0) returned -2.0; expected 0.0.", "negative inputs become 0")
    assert verdict.line() == "✗ relu(-2.0) returned -2.0; expected 0.0. Hint: negative inputs become 0."
    assert verdict.line("relu").endswith('Hint: negative inputs become 0. For another hint, run checks.hint("relu").')


def test_report_prints_one_line(capsys) -> None:
    checks.report(checks.Verdict.wrong("b", "c"))
    assert capsys.readouterr().out == "✗ b. Hint: c.\n"


def test_a_known_mistake_is_data_and_gets_its_own_hint() -> None:
    mistakes = [engine.Mistake("identity", lambda x: x, "negative inputs should become 0")]
    verdict = engine.check_cases(lambda x: x, relu, CASES, name="relu",
                                 hints=engine.Hints("think of the graph", "np.maximum(x, 0)"),
                                 mistakes=mistakes)
    assert (verdict.mistake, verdict.hint, verdict.more) == ("identity", "negative inputs should become 0", None)
    other = engine.check_cases(lambda x: 2 * x, relu, CASES, name="relu",
                               hints=engine.Hints("think of the graph", "np.maximum(x, 0)"), mistakes=mistakes)
    assert (other.mistake, other.hint, other.more) == (None, "think of the graph", "np.maximum(x, 0)")


def test_a_correct_answer_that_changes_its_input_in_place_fails(capsys) -> None:
    def relu_in_place(x):
        x = np.asarray(x)
        if x.ndim:
            x[x < 0] = 0
            return x
        return max(float(x), 0.0)

    checks.check_function(relu_in_place, relu, CASES, name="relu")
    assert "changed its input in place" in capsys.readouterr().out


def test_a_print_inside_the_function_is_shown_once(capsys) -> None:
    def chatty(x):
        print("checking", x)
        return relu(x)

    checks.check_function(chatty, relu, CASES, name="relu")
    assert capsys.readouterr().out == "checking -2.0\n✓ relu is correct on 2 test inputs.\n"


def test_messages_never_show_memory_addresses() -> None:
    assert engine.describe(np.random.default_rng(0)) == "rng"
    assert " at 0x" not in engine.describe(object())


def test_numbers_in_quotes_are_not_numbers() -> None:
    assert engine.difference("0.78", 0.78) is not None
    assert engine.difference(("6", "3"), (6, 3)) is not None
    assert engine.difference(np.array([6, 3]), (6, 3)) is None
    assert engine.difference(1 + 2j, 1.0) is not None


def test_call_safely_returns_result_or_verdict() -> None:
    assert checks.call_safely(abs, (-2,), name="abs") == (2, None)
    result, verdict = checks.call_safely(int, ("x",), name="int")
    assert result is None and verdict is not None and not verdict.passed


def test_position_in_a_matrix_is_printed_plainly(capsys) -> None:
    checks.check_function(lambda x: x * 0, lambda x: x, [(np.ones((2, 2)),)], name="f")
    assert "at index (0, 0) got 0.0, expected 1.0" in capsys.readouterr().out
