"""Shared fixtures: paths, and the real MNIST file when this machine has one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

sys.path.insert(0, str(ROOT / "tools"))
# One way to run a lesson as JupyterLab would, shared with tools/execute_notebooks.py: nbval's
# kernels do not show C-level stderr, so this is where the lessons' red stderr blocks are caught.
from execute_notebooks import run_like_jupyterlab, stderr_outputs  # noqa: E402

__all__ = ["run_like_jupyterlab", "stderr_outputs"]


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
