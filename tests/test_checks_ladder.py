"""The hint ladder: the ✗ line's hint, then checks.hint(name), then checks.solution(name)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.checks import ladder
from helpers.checks.registry import EXERCISES
from learner_answers import replay


def test_the_cross_line_says_how_to_ask_for_more() -> None:
    printed, _ = replay("relu_backward", lambda dA, Z: dA)
    assert printed.rstrip().endswith('For another hint, run checks.hint("relu_backward").')


def test_second_hint_follows_the_mistake(capsys) -> None:
    replay("mse_gradient", lambda w, b, x, y: tuple(v / 2 for v in (2 * np.mean((w * x + b - y) * x), 2 * np.mean(w * x + b - y))))
    checks.hint("mse_gradient")
    out = capsys.readouterr().out
    assert out.startswith("Hint 2 for mse_gradient: ∂/∂w (ŷ − y)² = 2(ŷ − y)·x")
    assert 'checks.solution("mse_gradient")' in out


def test_hint_without_a_name_means_the_exercise_checked_last(capsys) -> None:
    replay("relu_backward", lambda dA, Z: dA)
    checks.hint()
    assert capsys.readouterr().out.startswith("Hint 2 for relu_backward: return dA * (Z > 0).")


def test_hint_for_an_unknown_name(capsys) -> None:
    checks.hint("relu")
    assert capsys.readouterr().out.startswith("There is no exercise called 'relu'.")


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.check for e in EXERCISES])
def test_every_exercise_has_a_ladder_and_a_solution(exercise, capsys) -> None:
    module = __import__(exercise.module, fromlist=["HINTS"])
    hints = module.HINTS[exercise.check]
    assert hints.idea and hints.formula and hints.idea != hints.formula
    code = ladder.solution_code(exercise.check)
    assert code is not None and ladder.BEGIN not in code and "raise NotImplementedError" not in code
    assert f"def {exercise.check}(" in code or exercise.check == "softplus"


# The first rung points at the idea; the formula the exercise asks for waits for the second.
FORMULAS = {
    "softplus": "σ(z)",
    "softmax_backward": "np.dot(p, upstream)",
    "silu_grad": "σ(z) + z",
    "mse_gradient": "2 * np.mean",
    "perceptron_batch_update": "X.T @ errors",
    "neuron_output": "X @ w + b",
    "dense_backward": "X.T @ dZ",
    "relu_backward": "Z > 0",
    "conv2d_parameter_count": "+ 1) * filters",
}


@pytest.mark.parametrize("name", list(FORMULAS))
def test_the_first_hint_does_not_give_the_formula(name) -> None:
    exercise = next(e for e in EXERCISES if e.check == name)
    hints = __import__(exercise.module, fromlist=["HINTS"]).HINTS[name]
    assert FORMULAS[name] not in hints.idea and FORMULAS[name] in hints.formula


def test_solution_is_read_from_the_teacher_notebook(capsys) -> None:
    checks.solution("relu_backward")
    out = capsys.readouterr().out
    assert "Worked solution of relu_backward" in out and "return dA * (Z > 0)" in out


def test_teacher_can_switch_solutions_off_with_a_variable(capsys, monkeypatch) -> None:
    monkeypatch.setenv(ladder.SOLUTIONS_VARIABLE, "off")
    checks.solution("relu_backward")
    out = capsys.readouterr().out
    assert "switched off" in out and "dA * (Z > 0)" not in out


def test_teacher_can_switch_solutions_off_with_a_file(capsys, monkeypatch, tmp_path) -> None:
    (tmp_path / ladder.NO_SOLUTIONS_FILE).write_text("")
    (tmp_path / "class").mkdir()
    monkeypatch.chdir(tmp_path / "class")
    checks.solution("relu_backward")
    assert "switched off" in capsys.readouterr().out


def test_without_the_teacher_notebook_the_learner_is_told_kindly(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(ladder, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(ladder.solution_code, "__defaults__", (tmp_path,))
    checks.solution("relu_backward")
    out = capsys.readouterr().out
    assert "not part of this copy of the course" in out and "Traceback" not in out
