"""The registry of exercises matches the notebooks: every "### Exercise N · Title" heading is a
registered exercise, and the next check cell after it calls that exercise's check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import NOTEBOOKS
from helpers import checks
from helpers.checks.registry import EXERCISES

HEADING = re.compile(r"^###\s+Exercise\s+(\d+)\s+·\s+(.+?)\s*$", re.MULTILINE)
LESSONS = [path for path in NOTEBOOKS if not path.name.startswith("00_")]


def exercises_in(path: Path) -> list[tuple[int, str, str | None]]:
    """(number, title, the check the next check cell calls) for each exercise heading."""
    cells = json.loads(path.read_text())["cells"]
    found = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        for number, title in HEADING.findall("".join(cell["source"])):
            called = None
            for later in cells[index + 1 :]:
                match = re.search(r"\bchecks\.(\w+)\(", "".join(later["source"]))
                if later["cell_type"] == "code" and match:
                    called = match.group(1)
                    break
            found.append((int(number), title, called))
    return found


@pytest.mark.parametrize("path", LESSONS, ids=[path.name for path in LESSONS])
def test_notebook_exercises_are_the_registered_ones(path: Path) -> None:
    lesson = int(path.name[:2])
    registered = [(e.number, e.title, e.check) for e in EXERCISES if e.lesson == lesson]
    assert exercises_in(path) == registered, (
        f"{path.name}: the exercise headings and check calls differ from helpers/checks/registry.py"
    )


def test_registry_rows_are_unique_and_have_a_check() -> None:
    assert len({(e.lesson, e.number) for e in EXERCISES}) == len(EXERCISES)
    assert len({e.check for e in EXERCISES}) == len(EXERCISES)
    for exercise in EXERCISES:
        assert callable(getattr(checks, exercise.check)) and exercise.points > 0
