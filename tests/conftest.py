"""Shared fixtures: paths, and the real MNIST file when this machine has one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

sys.path.insert(0, str(ROOT / "tools"))
from execute_notebooks import jupyterlab_environment, stderr_outputs  # noqa: E402

from helpers.plotting import STATIC_PLOTS_VARIABLE  # noqa: E402

__all__ = ["stderr_outputs"]


def run_like_jupyterlab(
    notebook: nbformat.NotebookNode, folder: Path, *, allow_errors: bool = False, timeout: int = 300
) -> None:
    """Run ``notebook`` in ``folder`` in a kernel started the way JupyterLab starts one.

    C-level stderr (TensorFlow's absl and oneDNN lines) is copied into the cells, as JupyterLab
    shows it, and none of the TensorFlow variables a maintainer's shell might set are passed on.
    nbval's kernels show neither, so this is where the lessons' red stderr blocks are caught.
    Slider cells draw plain figures: there is no browser, and nbclient can hang on widgets.
    """
    NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(folder)}},
        extra_arguments=["--IPKernelApp.capture_fd_output=True"],
    ).execute(env=jupyterlab_environment(**{STATIC_PLOTS_VARIABLE: "1"}))


@pytest.fixture(autouse=True)
def _headless_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draw without a screen and close every figure, so tests don't leak memory."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.fixture
def real_mnist_path() -> Path:
    """The real MNIST file named by MNIST_NPZ; skipped where there is none."""
    path = os.environ.get("MNIST_NPZ")
    if not path or not Path(path).is_file():
        pytest.skip("set MNIST_NPZ to the real mnist.npz to run this test")
    return Path(path)
