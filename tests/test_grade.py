"""tools/grade.py on a small class: solved, untouched, wrong, edited and broken submissions of
lesson 01 (the fastest lesson with exercises), graded in one run; and an endless loop, graded
in a second run with a short time limit."""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

TEACHER = ROOT / "notebooks" / "01_neuron.ipynb"
STUDENT = ROOT / "student" / "01_neuron.ipynb"
# Seconds per cell: lesson 01's slowest cell takes about 5 s, on a loaded machine several
# times that. The endless loop is graded in its own small class with a short limit, so that
# this generous one costs nothing.
TIME_LIMIT = 120
SHORT_TIME_LIMIT = 5


def write(notebook: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def with_solution(notebook: nbformat.NotebookNode, function: str, body: str) -> None:
    """Replace the solution region of ``function`` by ``body``."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.startswith(f"def {function}("):
            cell.source = re.sub(
                r"### BEGIN SOLUTION\n.*?### END SOLUTION",
                lambda _: f"### BEGIN SOLUTION\n    {body}\n    ### END SOLUTION",
                cell.source, flags=re.S,
            )
            return
    raise AssertionError(f"no exercise cell defines {function}")


def tiny_notebook(*sources: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# 01 · A single neuron")]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    return notebook


def checksums(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    submissions = tmp_path_factory.mktemp("submissions")
    write(nbformat.read(TEACHER, 4), submissions / "solved" / "01_neuron.ipynb")
    write(nbformat.read(STUDENT, 4), submissions / "untouched" / "01_neuron.ipynb")

    wrong = nbformat.read(TEACHER, 4)
    with_solution(wrong, "neuron_output", "return sigmoid(X @ w - b)")
    write(wrong, submissions / "wrong" / "01_neuron.ipynb")

    no_checks = nbformat.read(TEACHER, 4)
    no_checks.cells = [c for c in no_checks.cells if "checks." not in c.source]
    write(no_checks, submissions / "deleted_checks" / "01 my neuron work.ipynb")

    (submissions / "not_json").mkdir()
    (submissions / "not_json" / "01_neuron.ipynb").write_text("{ this is not json")
    (submissions / "empty").mkdir()
    (submissions / "empty" / "01_neuron.ipynb").write_text("")
    write(tiny_notebook("import os\nos._exit(1)"), submissions / "kills_kernel" / "01_neuron.ipynb")
    write(tiny_notebook("print('x' * 3_000_000)", "def neuron_output(X, w, b):\n    return None"),
          submissions / "floods_output" / "01_neuron.ipynb")
    write(nbformat.read(ROOT / "student" / "02_activations.ipynb", 4),
          submissions / "wrong_lesson" / "01_neuron.ipynb")
    (submissions / "absent").mkdir()
    (submissions / "absent" / "notes.txt").write_text("I lost my notebook")

    return grade(submissions, tmp_path_factory.mktemp("grades"), TIME_LIMIT)


@pytest.fixture(scope="module")
def graded_with_a_short_limit(tmp_path_factory: pytest.TempPathFactory) -> dict:
    submissions = tmp_path_factory.mktemp("submissions-short-limit")
    write(tiny_notebook("while True:\n    pass"), submissions / "endless" / "01_neuron.ipynb")
    write(tiny_notebook("print('done')"), submissions / "quick" / "01_neuron.ipynb")
    return grade(submissions, tmp_path_factory.mktemp("grades-short-limit"), SHORT_TIME_LIMIT)[0]


def grade(submissions: Path, output: Path, time_limit: int) -> tuple[dict, Path]:
    """Run tools/grade.py as a teacher would; the rows of grades.csv by student."""
    before = checksums(submissions)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "grade.py"), str(submissions), "--output",
         str(output), "--jobs", "2", "--timeout", str(time_limit)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert checksums(submissions) == before, "the grader changed something under SUBMISSIONS"
    with (output / "grades.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    by_student: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_student.setdefault(row["student"], []).append(row)
    return by_student, output


def statuses(rows: list[dict[str, str]]) -> list[str]:
    return [row["status"] for row in rows]


def test_the_csv_has_the_documented_columns(graded) -> None:
    _, output = graded
    header = (output / "grades.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("student,lesson,exercise,title,status,points,max_points,hint")


def test_a_solved_notebook_gets_full_marks(graded) -> None:
    rows = graded[0]["solved"]
    assert statuses(rows) == ["passed"] * 3
    assert [row["points"] for row in rows] == [row["max_points"] for row in rows]


def test_an_untouched_student_copy_is_not_attempted(graded) -> None:
    rows = graded[0]["untouched"]
    assert statuses(rows) == ["not attempted"] * 3
    assert all(row["points"] == "0" for row in rows)


def test_a_wrong_answer_fails_with_the_hint_the_learner_saw(graded) -> None:
    rows = graded[0]["wrong"]
    assert statuses(rows) == ["failed", "passed", "passed"]
    assert rows[0]["hint"] and rows[0]["points"] == "0"


def test_deleted_check_cells_and_a_renamed_file_change_nothing(graded) -> None:
    rows = graded[0]["deleted_checks"]
    assert statuses(rows) == ["passed"] * 3
    assert "took 01 my neuron work.ipynb" in rows[0]["detail"]


@pytest.mark.parametrize(
    ("student", "reason"),
    [
        ("not_json", "not a readable notebook"),
        ("empty", "not a readable notebook"),
        ("kills_kernel", "kernel"),
        ("wrong_lesson", "lesson 02"),
    ],
)
def test_a_broken_submission_gets_an_error_row_with_its_reason(graded, student, reason) -> None:
    rows = graded[0][student]
    assert statuses(rows) == ["error"] * 3
    assert all(reason in row["detail"] for row in rows), rows[0]["detail"]


def test_an_endless_loop_is_stopped_at_the_time_limit_and_the_class_goes_on(
    graded_with_a_short_limit,
) -> None:
    rows = graded_with_a_short_limit["endless"]
    assert statuses(rows) == ["error"] * 3
    assert all(f"still running after {SHORT_TIME_LIMIT} s" in row["detail"] for row in rows)
    # graded beside the endless one: a NameError for each exercise, not a time-out
    assert statuses(graded_with_a_short_limit["quick"]) == ["error"] * 3
    assert "deleted or failed" in graded_with_a_short_limit["quick"][0]["detail"]


def test_megabytes_of_output_are_graded_like_any_notebook(graded) -> None:
    rows = graded[0]["floods_output"]
    assert rows[0]["status"] == "failed"
    assert [row["status"] for row in rows[1:]] == ["error", "error"]  # not defined there


def test_a_missing_notebook_is_missing(graded) -> None:
    assert statuses(graded[0]["absent"]) == ["missing"] * 3


def test_feedback_and_summary_are_written(graded) -> None:
    _, output = graded
    feedback = (output / "feedback" / "wrong" / "01_neuron.html").read_text(encoding="utf-8")
    assert "✗" in feedback and "Hint" in feedback
    summary = (output / "summary.md").read_text(encoding="utf-8")
    assert "## 01 · Exercise 1 · " in summary and "hint:" in summary
