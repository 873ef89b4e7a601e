"""Re-execute lesson notebooks top to bottom in a fresh kernel and save them with outputs.

Usage (from the repository root):

    python tools/execute_notebooks.py notebooks/03_losses.ipynb [more notebooks …]
    python tools/execute_notebooks.py --all

Each notebook runs in its own folder, as nbval and JupyterLab run it, and is
saved only if every cell succeeded (cells tagged ``raises-exception`` may
fail), so a broken run never overwrites a good notebook. Slider cells are saved
with a plain figure at the sliders' start values (see helpers.plotting).
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


def execute(path: Path, timeout: int) -> float:
    """Run ``path`` in a fresh python3 kernel, save it in place; return the seconds taken."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # nbval's kernels don't copy C-level stderr into cells (ipykernel skips that under
        # pytest); doing the same here keeps saved outputs comparable with nbval's.
        extra_arguments=["--IPKernelApp.capture_fd_output=False"],
    )
    start = time.perf_counter()
    # Slider cells draw a plain figure: the saved notebook shows a picture, and nbclient
    # cannot hang on widgets (jupyter/nbclient#312).
    client.execute(env={**os.environ, STATIC_PLOTS_VARIABLE: "1"})
    seconds = time.perf_counter() - start
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
        except CellExecutionError as error:
            print(f"FAILED {path}: not saved.\n{error}", file=sys.stderr)
            return 1
        print(f"ran {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
