"""The kernel the lesson tests use shows C-level stderr, as JupyterLab's kernels do.

nbval's kernels run under pytest, where ipykernel does not copy C-level stderr (TensorFlow's
absl and oneDNN lines) into cells, so nbval cannot see that noise. The student-copy tests
(test_student_copies.py) therefore run every lesson's setup, and the cells its exercises need,
with ``conftest.run_like_jupyterlab`` and allow no stderr output at all;
tools/execute_notebooks.py runs whole notebooks the same way and refuses to save one that
writes to stderr. This test makes sure that a clean result there means something.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from conftest import run_like_jupyterlab, stderr_outputs


def test_the_kernel_here_does_show_c_level_stderr(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import os\nos.write(2, b'C-level noise\\n')")]
    )
    run_like_jupyterlab(notebook, tmp_path)
    assert [text for _, text in stderr_outputs(notebook)] == ["C-level noise\n"]
