"""Make student copies of the lessons: solutions blanked, exercise outputs cleared.

Usage (from the repository root):

    python tools/make_student_copies.py                # notebooks/ → student/
    python tools/make_student_copies.py --output DIR   # somewhere else

In each code cell, every region between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` becomes ``# YOUR CODE HERE`` / ``raise NotImplementedError()``
(nbgrader's ClearSolutions preprocessor).  The outputs of those cells and of
the check cell right after each are cleared; every other cell keeps its
outputs, so learners still see the lesson's plots before running anything.

A student copy that differs from what this tool would write now (a learner's
work, say) is never overwritten: the tool stops and names it, unless you
pass ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.preprocessors import Preprocessor
from nbgrader.preprocessors import ClearSolutions

ROOT = Path(__file__).resolve().parent.parent
SOLUTION_MARKER = "### BEGIN SOLUTION"


class ClearCodeSolutions(ClearSolutions):
    """nbgrader's ClearSolutions for code cells only: lesson prose may mention the markers."""

    def preprocess_cell(self, cell: Any, resources: dict, index: int) -> tuple[Any, dict]:
        if cell.cell_type != "code":
            return cell, resources
        return super().preprocess_cell(cell, resources, index)


class ClearExerciseOutputs(Preprocessor):
    """Clear the outputs of exercise cells and of the check cell that follows each."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
        for position, cell in enumerate(code_cells):
            if SOLUTION_MARKER not in cell.source:
                continue
            for exercise_or_check in code_cells[position : position + 2]:
                exercise_or_check.outputs = []
                exercise_or_check.execution_count = None
        return nb, resources


def student_copy(instructor_notebook: Path) -> nbformat.NotebookNode:
    """Return the student version of one instructor notebook."""
    notebook = nbformat.read(instructor_notebook, as_version=4)
    # Outputs first, while the solution markers still show which cells are exercises.
    notebook, _ = ClearExerciseOutputs().preprocess(notebook, {})
    notebook, _ = ClearCodeSolutions(enforce_metadata=False).preprocess(notebook, {})
    return notebook


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--output", type=Path, default=ROOT / "student")
    parser.add_argument("--force", action="store_true", help="overwrite changed student copies")
    options = parser.parse_args()

    lessons = sorted(options.source.glob("[0-9][0-9]_*.ipynb"))
    copies = {options.output / path.name: nbformat.writes(student_copy(path)) for path in lessons}
    changed = [
        path for path, text in copies.items() if path.exists() and path.read_text() != text
    ]
    if changed and not options.force:
        names = "\n  ".join(str(path) for path in changed)
        print(
            f"These student copies differ from what would be generated now:\n  {names}\n"
            "They may hold a learner's work, so nothing was written. Move them away, "
            "or pass --force to overwrite them.",
            file=sys.stderr,
        )
        return 1
    options.output.mkdir(parents=True, exist_ok=True)
    for path, text in copies.items():
        path.write_text(text)
    print(f"wrote {len(copies)} student copies to {options.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
