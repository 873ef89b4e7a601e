"""nbgrader's own pipeline on the course: tools/make_nbgrader_course.py writes lesson 01 as an
assignment; generate_assignment, autograde, generate_feedback and export then grade a solved
and an unsolved submission in a temporary course folder."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

LESSON = "01_neuron"


def nbgrader(course: Path, *arguments: str) -> None:
    # nbgrader runs the `alembic` command of its environment: put that environment on PATH.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *arguments], cwd=course, capture_output=True,
        text=True, check=False, env={**os.environ, "PATH": path},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = tmp_path_factory.mktemp("course")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_nbgrader_course.py"), str(course),
         "--lessons", "1"], capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    nbgrader(course, "generate_assignment", LESSON, "--force")

    release = nbformat.read(course / "release" / LESSON / f"{LESSON}.ipynb", as_version=4)
    source = nbformat.read(course / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    answers = {c.metadata.nbgrader["grade_id"]: c.source for c in source.cells
               if c.metadata.nbgrader.get("solution")}
    solved = nbformat.from_dict(release)
    for cell in solved.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = answers[cell.metadata.nbgrader["grade_id"]]
    for student, notebook in [("solved", solved), ("unsolved", release)]:
        folder = course / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(notebook, folder / f"{LESSON}.ipynb")

    nbgrader(course, "autograde", LESSON, "--create")
    nbgrader(course, "generate_feedback", LESSON)
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    return course


def test_the_released_copy_hides_the_tests_and_the_solutions(course: Path) -> None:
    text = (course / "release" / LESSON / f"{LESSON}.ipynb").read_text(encoding="utf-8")
    assert "HIDDEN TESTS" not in text and "checks.autograde" not in text
    assert "raise NotImplementedError()" in text and "BEGIN SOLUTION" not in text
    assert "checks.neuron_output(neuron_output)" in text


def test_autograde_scores_solved_and_unsolved_submissions(course: Path) -> None:
    with (course / "grades.csv").open(encoding="utf-8") as file:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(file)}
    assert scores == {"solved": 4.0, "unsolved": 0.0}


def test_autograde_draws_slider_plots_once_instead_of_risking_a_hang(course: Path) -> None:
    # Slider widgets can hang nbgrader's notebook runs (jupyter/nbclient#312): the course's
    # nbgrader_config.py makes the lessons draw those plots without sliders.
    graded = course / "autograded" / "solved" / LESSON / f"{LESSON}.ipynb"
    printed = "".join(
        output.get("text", "") for cell in nbformat.read(graded, as_version=4).cells
        for output in cell.get("outputs", [])
    )
    assert "here is the plot at the start values" in printed


def test_feedback_shows_the_check_lines_and_no_traceback(course: Path) -> None:
    for student, expected in [("solved", "✓"), ("unsolved", "not implemented yet")]:
        feedback = course / "feedback" / student / LESSON / f"{LESSON}.html"
        text = feedback.read_text(encoding="utf-8")
        assert expected in text
        assert "most recent call last" not in text and "Error:" not in text
