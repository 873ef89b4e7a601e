"""Write the lessons as nbgrader assignments, for teachers who grade with nbgrader.

Usage (from the repository root):

    python tools/make_nbgrader_course.py ~/nbgrader-course      # every lesson with exercises
    python tools/make_nbgrader_course.py ~/nbgrader-course --lessons 1 6

This writes ``<course>/source/<NN_lesson>/<NN_lesson>.ipynb`` and an ``nbgrader_config.py``.
From then on nbgrader's own workflow applies, run inside the course folder:

    nbgrader generate_assignment 01_neuron
    nbgrader autograde 01_neuron --create      # after collecting into submitted/<student>/
    nbgrader generate_feedback 01_neuron
    nbgrader export

The cells get nbgrader's metadata from the lesson notebook and the exercise registry
(helpers.checks.registry), so they can never disagree with the course:

- an exercise cell (one with ``### BEGIN SOLUTION``) is a solution cell;
- the cell that calls ``checks.<exercise>(...)`` is an autograded cell worth the registry's
  points. It keeps the call the learner sees (the same ✓ / ✗ line as in the course) and gets
  a hidden test, ``checks.autograde("<exercise>")``, which nbgrader adds back only when it
  grades: it prints the learner's ✗ line to stderr when the answer did not pass, which is how
  nbgrader gives 0 points without a traceback;
- every other cell is read-only.

An existing source notebook is not overwritten unless ``--force`` is given (it may hold a
teacher's own changes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from helpers.checks.registry import EXERCISES, check_calls
from helpers.plotting import STATIC_PLOTS_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
CONFIG = '''"""nbgrader settings of this course folder (from tools/make_nbgrader_course.py)."""

import os

# A cell with sliders (ipywidgets) can hang a notebook run outside JupyterLab, as autograde
# runs it (jupyter/nbclient#312). With this variable set, the course's slider cells draw their
# plot once, without sliders; the kernels nbgrader starts inherit it.
os.environ.setdefault("STATIC_PLOTS_VARIABLE", "1")

c = get_config()  # noqa: F821  (nbgrader provides it)
c.CourseDirectory.course_id = "your-first-neural-network"
# The exercises' own placeholder, so that the released copies match the course's student copies.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}
# Lessons 06-08 train networks: give each cell time.
c.ExecutePreprocessor.timeout = 900
'''.replace("STATIC_PLOTS_VARIABLE", STATIC_PLOTS_VARIABLE)


def called_check(source: str) -> str | None:
    """The registered exercise that ``source`` checks with ``checks.<exercise>(...)``, if any."""
    return next(iter(check_calls(source)), None)


def as_assignment(lesson: Path) -> nbformat.NotebookNode:
    """The lesson notebook with nbgrader's cell metadata, outputs cleared."""
    points = {exercise.check: exercise.points for exercise in EXERCISES}
    notebook = nbformat.read(lesson, as_version=4)
    graded: list[str] = []
    for index, cell in enumerate(notebook.cells):
        meta = {"grade": False, "solution": False, "locked": True, "schema_version": 3,
                "grade_id": f"cell-{index:03d}"}
        check = called_check(cell.source) if cell.cell_type == "code" else None
        if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source:
            meta.update(solution=True, locked=False, grade_id=f"answer-{index:03d}")
        elif check is not None and check not in graded:
            graded.append(check)
            meta.update(grade=True, points=points[check], grade_id=check)
            cell.source = (
                f"{cell.source.rstrip()}\n### BEGIN HIDDEN TESTS\n"
                f'checks.autograde("{check}")\n### END HIDDEN TESTS'
            )
        cell.metadata["nbgrader"] = meta
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    missing = [e.check for e in EXERCISES if lesson.name.startswith(f"{e.lesson:02d}_")
               and e.check not in graded]
    if missing:
        raise SystemExit(f"{lesson.name} has no check cell for {', '.join(missing)}")
    return notebook


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", type=Path, help="the nbgrader course folder to write into")
    parser.add_argument("--lessons", type=int, nargs="*", help="lesson numbers (default: all)")
    parser.add_argument("--force", action="store_true", help="overwrite existing source notebooks")
    options = parser.parse_args()
    wanted = options.lessons or sorted({exercise.lesson for exercise in EXERCISES})
    course = options.course.expanduser().resolve()
    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    for number in wanted:
        [lesson] = (ROOT / "notebooks").glob(f"{number:02d}_*.ipynb")
        target = course / "source" / lesson.stem / lesson.name
        if target.exists() and not options.force:
            print(f"kept {target} (it exists; --force replaces it)", file=sys.stderr)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(as_assignment(lesson), target)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
