"""Re-execute lesson notebooks top to bottom in a fresh kernel and save them with outputs.

Usage (from the repository root):

    python tools/execute_notebooks.py notebooks/03_losses.ipynb [more notebooks …]
    python tools/execute_notebooks.py --all

Each notebook runs in its own folder, as nbval and JupyterLab run it, and is
saved only if every cell succeeded (cells tagged ``raises-exception`` may
fail), so a broken run never overwrites a good notebook. Slider cells are saved
with a plain figure at the sliders' start values (see helpers.plotting).

The kernel runs as JupyterLab runs it: it copies what C++ libraries write to the process's
stderr (TensorFlow's absl and oneDNN lines, say) into the cell, where JupyterLab shows a red
block. A notebook with any stderr output (those lines, a Python warning, …) is not saved: the
tool names the cell and prints what it wrote. nbval's kernels do not capture C-level stderr, so
a notebook that passes here has the same outputs under nbval.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.plotting import STATIC_PLOTS_VARIABLE

ROOT = Path(__file__).resolve().parent.parent


# Set by the maintainer's shell or by pytest, never by JupyterLab: a kernel must not inherit them.
# (ipykernel does not capture C-level output at all while PYTEST_CURRENT_TEST is set.)
NOT_IN_JUPYTERLAB = ("PYTEST_CURRENT_TEST", "TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS")


class StderrError(Exception):
    """A cell wrote to stderr: JupyterLab would show the learner a red block."""


def jupyterlab_environment(**extra: str) -> dict[str, str]:
    """The environment a kernel started from JupyterLab gets, plus ``extra``."""
    environment = {key: value for key, value in os.environ.items() if key not in NOT_IN_JUPYTERLAB}
    return {**environment, **extra}


def stderr_outputs(notebook: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(code cell number, counting from 1, and text) of every stderr output in ``notebook``."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    return [
        (number, output.get("text", ""))
        for number, cell in enumerate(code_cells, start=1)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    ]


def run_like_jupyterlab(
    notebook: nbformat.NotebookNode, folder: Path, *, timeout: int = 300, allow_errors: bool = False
) -> None:
    """Run ``notebook`` in ``folder`` in a fresh python3 kernel started as JupyterLab starts one.

    C-level stderr (TensorFlow's C++ logging) reaches the cells, as in JupyterLab, and the
    kernel gets JupyterLab's environment. Slider cells draw a plain figure: the saved notebook
    shows a picture, and nbclient cannot hang on widgets (jupyter/nbclient#312).
    """
    NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(folder)}},
        extra_arguments=["--IPKernelApp.capture_fd_output=True"],
    ).execute(env=jupyterlab_environment(**{STATIC_PLOTS_VARIABLE: "1"}))


def execute(path: Path, timeout: int) -> float:
    """Run ``path`` in a fresh python3 kernel, save it in place; return the seconds taken."""
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    run_like_jupyterlab(notebook, path.parent, timeout=timeout)
    seconds = time.perf_counter() - start
    noise = stderr_outputs(notebook)
    if noise:
        cells = "\n".join(f"--- code cell {number}:\n{text.rstrip()}" for number, text in noise)
        raise StderrError(
            f"{len(noise)} output(s) on stderr, shown in JupyterLab as red blocks:\n{cells}\n"
            "Silence them in the lesson (TensorFlow: set TF_CPP_MIN_LOG_LEVEL and "
            "TF_ENABLE_ONEDNN_OPTS before importing it)."
        )
    nbformat.write(notebook, path)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--all", action="store_true", help="every notebook in notebooks/")
    # A cell that takes longer than this is stuck (rarely, nbclient waits forever on an idle
    # kernel after a widget cell): fail without saving, and run the notebook again.
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    options = parser.parse_args()
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    paths = lessons if options.all else options.notebooks
    if not paths:
        parser.error("name at least one notebook, or pass --all")
    for path in paths:
        try:
            seconds = execute(path.resolve(), options.timeout)
        except (CellExecutionError, StderrError) as error:
            print(f"FAILED {path}: not saved.\n{error}", file=sys.stderr)
            return 1
        print(f"ran {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
