"""No lesson shows the learner a red stderr block when it starts, as JupyterLab would show it.

nbval's kernels run under pytest, where ipykernel does not copy C-level stderr (TensorFlow's
absl and oneDNN lines) into cells, so nbval cannot see that noise. Here each lesson's setup
runs in a kernel started the way JupyterLab starts one: C-level stderr captured, and none of
the TensorFlow variables a maintainer's shell might set. tools/execute_notebooks.py runs whole
notebooks the same way and refuses to save one that writes to stderr.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import NOTEBOOKS, ROOT
from helpers.plotting import STATIC_PLOTS_VARIABLE

sys.path.insert(0, str(ROOT / "tools"))
from execute_notebooks import jupyterlab_environment, stderr_outputs  # noqa: E402

TF_IMPORT = re.compile(r"^\s*(import|from)\s+(tensorflow|keras)\b", re.MULTILINE)


def setup_cells(notebook: nbformat.NotebookNode) -> list:
    """The code cells up to the first one that imports TensorFlow or Keras (else the first)."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if TF_IMPORT.search(cell.source):
            return code_cells[:number]
    return code_cells[:1]


def run_like_jupyterlab(notebook: nbformat.NotebookNode, folder: Path) -> None:
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        extra_arguments=["--IPKernelApp.capture_fd_output=True"],
    ).execute(env=jupyterlab_environment(**{STATIC_PLOTS_VARIABLE: "1"}))


def test_the_kernel_here_does_show_c_level_stderr(tmp_path: Path) -> None:
    # Without this, a clean result below could mean only that the capture is off.
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import os\nos.write(2, b'C-level noise\\n')")]
    )
    run_like_jupyterlab(notebook, tmp_path)
    assert [text for _, text in stderr_outputs(notebook)] == ["C-level noise\n"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_setup_cells_write_nothing_to_stderr(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells = setup_cells(notebook)
    run_like_jupyterlab(notebook, path.parent)
    noise = stderr_outputs(notebook)
    assert not noise, (
        f"{path.name}: JupyterLab shows a red stderr block in code cell {noise[0][0]}:\n"
        f"{noise[0][1]}\nSet TF_CPP_MIN_LOG_LEVEL and TF_ENABLE_ONEDNN_OPTS before importing TensorFlow."
    )
