"""Student copies: every exercise has a solution region and a check; the copies are current;
and a set written anywhere (here: outside the repository) runs, lesson 00 top to bottom, the
others with every exercise unsolved, each check saying "not implemented yet".

These runs use kernels started the way JupyterLab starts them (conftest.run_like_jupyterlab),
so they also check that no lesson shows the learner a red stderr block: TensorFlow's C++ log
lines, a Python warning, anything written to stderr."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from cells_needed import cells_needed
from conftest import NOTEBOOKS, ROOT, run_like_jupyterlab, stderr_outputs

sys.path.insert(0, str(ROOT / "tools"))
from make_student_copies import SOLUTION_MARKER, student_copy  # noqa: E402

LESSONS = [path for path in NOTEBOOKS if not path.name.startswith("00_")]
EXERCISE_HEADING = re.compile(r"^###\s+Exercise\b", re.MULTILINE)
NOT_IMPLEMENTED_HINT = "is not implemented yet (NotImplementedError)"


def _exercises(notebook) -> list[tuple[int, int]]:
    """(index of the exercise cell, index of its check cell) for every solution region."""
    pairs = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and SOLUTION_MARKER in cell.source:
            following = [
                later for later in range(index + 1, len(notebook.cells))
                if notebook.cells[later].cell_type == "code"
            ]
            pairs.append((index, following[0] if following else -1))
    return pairs


@pytest.mark.parametrize("path", LESSONS, ids=[path.name for path in LESSONS])
def test_every_exercise_has_a_solution_region_and_a_check(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    headings = sum(
        len(EXERCISE_HEADING.findall(cell.source))
        for cell in notebook.cells
        if cell.cell_type == "markdown"
    )
    exercises = _exercises(notebook)
    assert 2 <= headings <= 4, f"{path.name} has {headings} '### Exercise' headings; lessons have 2–4"
    assert len(exercises) == headings, (
        f"{path.name}: {headings} exercise headings but {len(exercises)} solution regions"
    )
    for exercise, check in exercises:
        assert check != -1 and "checks." in notebook.cells[check].source, (
            f"{path.name}: the code cell after exercise cell {exercise} does not call helpers.checks"
        )


def test_committed_student_copies_are_up_to_date() -> None:
    committed = sorted((ROOT / "student").glob("*.ipynb"))
    assert [path.name for path in committed] == [path.name for path in NOTEBOOKS], (
        "student/ does not match notebooks/: run python tools/make_student_copies.py --force"
    )
    for path in NOTEBOOKS:
        assert (ROOT / "student" / path.name).read_text() == nbformat.writes(student_copy(path)), (
            f"student/{path.name} is out of date: run python tools/make_student_copies.py --force"
        )


@pytest.fixture(scope="module")
def class_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A student set written by the tool to a folder outside the repository, as a teacher would."""
    folder = tmp_path_factory.mktemp("elsewhere") / "class-2026"
    assert ROOT not in folder.parents
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_student_copies.py"), "--output", str(folder)],
        check=True,
        capture_output=True,
    )
    # Lesson 07 loads the weights lesson 06 saved. A learner has run lesson 06 by then; without
    # this file lesson 07 would train lesson 06 itself (tested in test_lesson06_weights.py).
    (folder / "saved").mkdir()
    shapes = {"W1": (784, 128), "b1": (128,), "W2": (128, 10), "b2": (10,)}
    np.savez(
        folder / "saved" / "06_numpy_mlp_weights.npz",
        **{name: np.zeros(shape, np.float32) for name, shape in shapes.items()},
    )
    return folder


def assert_no_stderr(notebook: nbformat.NotebookNode, name: str) -> None:
    noise = stderr_outputs(notebook)
    assert not noise, (
        f"{name}: JupyterLab shows a red stderr block in code cell {noise[0][0]}:\n"
        f"{noise[0][1]}\nSet TF_CPP_MIN_LOG_LEVEL and TF_ENABLE_ONEDNN_OPTS before importing "
        "TensorFlow, and fix the cause of any warning."
    )


def test_a_set_written_elsewhere_has_every_lesson_and_nothing_else(class_set: Path) -> None:
    written = sorted(path.name for path in class_set.glob("*.ipynb"))
    assert written == [path.name for path in NOTEBOOKS]


def test_lesson00_runs_top_to_bottom_outside_the_repository(class_set: Path) -> None:
    notebook = nbformat.read(class_set / "00_welcome.ipynb", as_version=4)
    run_like_jupyterlab(notebook, class_set)  # raises on the first error: no exercises here
    assert_no_stderr(notebook, "00_welcome.ipynb")
    printed = "".join(
        output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
    )
    assert "✓ Every package the lessons need is installed" in printed, printed


@pytest.mark.parametrize("path", LESSONS, ids=[path.name for path in LESSONS])
def test_student_copy_runs_and_every_check_says_not_implemented(
    path: Path, class_set: Path
) -> None:
    # Exercise positions come from the instructor notebook: the copy no longer has the markers.
    exercises = _exercises(nbformat.read(path, as_version=4))
    notebook = nbformat.read(class_set / path.name, as_version=4)
    # Only the cells the exercises need (see cells_needed): the others run exactly as in the
    # teacher notebook, which nbval runs already, so the lesson is not trained twice.
    code = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    position = {index: n for n, index in enumerate(code)}
    needed = cells_needed(
        [notebook.cells[i].source for i in code],
        [position[exercise] for exercise, _ in exercises],
        [position[check] for _, check in exercises],
    )
    kept = sorted(code[n] for n in needed)
    notebook.cells = [notebook.cells[i] for i in kept]
    exercises = [(kept.index(exercise), kept.index(check)) for exercise, check in exercises]
    run_like_jupyterlab(notebook, class_set, allow_errors=True, timeout=900)
    assert_no_stderr(notebook, path.name)

    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                assert output.ename == "NotImplementedError", (
                    f"{path.name} cell {index} raised {output.ename}: {output.evalue}"
                )
    for _, check in exercises:
        printed = "".join(output.get("text", "") for output in notebook.cells[check].outputs)
        assert NOT_IMPLEMENTED_HINT in printed, (
            f"{path.name}: check cell {check} printed {printed!r}, not the 'not implemented yet' hint"
        )
