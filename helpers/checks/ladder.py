"""The hint ladder: the ✗ line gives the first hint, ``checks.hint(name)`` a second, more
specific one, and ``checks.solution(name)`` the worked solution, read from the teacher's
notebook (never a second copy of it).

A teacher switches the worked solutions off for a class with the environment variable
``YFNN_SOLUTIONS=off``, or with a file named ``NO_SOLUTIONS`` in the folder the notebooks
run in or any folder above it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .engine import Verdict
from .registry import BY_CHECK

#: The environment variable, and the file name, that switch the worked solutions off.
SOLUTIONS_VARIABLE = "YFNN_SOLUTIONS"
NO_SOLUTIONS_FILE = "NO_SOLUTIONS"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
#: Where the teacher notebooks are: ``notebooks/`` beside the helpers package.
NOTEBOOKS = Path(__file__).resolve().parent.parent.parent / "notebooks"

_last: dict[str, Verdict] = {}  # the latest verdict of each exercise
_latest: list[str] = []  # the exercise checked last


def remember(exercise: str, verdict: Verdict) -> None:
    _last[exercise] = verdict
    _latest[:] = [exercise]


def _which(name: str | None) -> str | None:
    """The exercise ``name`` refers to (default: the one checked last), or None after a message."""
    if name is None:
        if _latest:
            return _latest[0]
        print('Which exercise? Name it, for example checks.hint("neuron_output").')
        return None
    name = getattr(name, "__name__", name)  # checks.hint(relu) works as well as "relu"
    if name not in BY_CHECK:
        known = ", ".join(sorted(BY_CHECK))
        print(f"There is no exercise called {name!r}. The exercises are: {known}.")
        return None
    return name


def hint(name: str | None = None) -> None:
    """Print the second, more specific hint for an exercise (the one checked last by default)."""
    name = _which(name)
    if name is None:
        return
    module = __import__(BY_CHECK[name].module, fromlist=["HINTS"])
    last = _last.get(name)
    more = last.more if last is not None and last.status == "fail" and last.more else None
    text = more or module.HINTS[name].formula
    print(f"Hint 2 for {name}: {text} Still stuck? checks.solution(\"{name}\") shows the "
          "worked solution.")


def solutions_switched_off(start: Path | None = None) -> bool:
    """True if the teacher switched the worked solutions off (variable or marker file)."""
    if os.environ.get(SOLUTIONS_VARIABLE, "").strip().lower() in {"off", "0", "no", "false"}:
        return True
    folder = (start or Path.cwd()).resolve()
    return any((place / NO_SOLUTIONS_FILE).exists() for place in (folder, *folder.parents))


def solution_code(name: str, notebooks: Path = NOTEBOOKS) -> str | None:
    """The teacher notebook's exercise cell for ``name``, markers removed; None if not found."""
    exercise = BY_CHECK[name]
    for path in sorted(notebooks.glob(f"{exercise.lesson:02d}_*.ipynb")):
        cells = [
            "".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]
            if cell["cell_type"] == "code"
        ]
        for position, source in enumerate(cells):
            if f"checks.{name}(" not in source:
                continue
            for earlier in reversed(cells[:position]):
                if BEGIN in earlier:
                    kept = [line for line in earlier.splitlines()
                            if line.strip() not in (BEGIN, END)]
                    return "\n".join(kept)
    return None


def solution(name: str | None = None) -> None:
    """Print the worked solution of an exercise, from the teacher's notebook, if allowed."""
    name = _which(name)
    if name is None:
        return
    if solutions_switched_off():
        print(f"Worked solutions are switched off for this class. Try checks.hint(\"{name}\"), "
              "or ask your teacher.")
        return
    code = solution_code(name)
    if code is None:
        print(f"The worked solution of {name} is in the teacher's notebook, which is not part "
              "of this copy of the course. Ask your teacher, or see the course repository.")
        return
    print(f"Worked solution of {name} (from the teacher's notebook). Type it in yourself "
          f"rather than pasting it; then run the check again.\n\n{code}")


def last_verdict(name: str) -> Verdict | None:
    """The verdict the check of exercise ``name`` gave last (None before its first run)."""
    return _last.get(name)
