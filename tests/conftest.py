"""Shared fixtures (paths, and the real MNIST file when this machine has one), and how the suite
shares two cores: the order of its files and the threads of its kernels."""

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
from grade import THREAD_VARIABLES  # noqa: E402

__all__ = ["run_like_jupyterlab", "stderr_outputs"]


# pytest-xdist hands each worker whole files (--dist loadfile), in collection order
# (--no-loadscope-reorder): the long ones go first, so that none starts last while the other
# worker has nothing left to do.
LONGEST_FIRST = [  # seconds in a suite run on 2 cores, 2026-12-03
    "notebooks/08_better_models.ipynb",  # 150
    "tests/test_student_copies.py",  # 70
    "notebooks/07_keras_mnist.ipynb",  # 35
    "tests/test_grade.py",  # 65
    "tests/test_nbgrader_course.py",  # 60
    "tests/test_site.py",  # 17
    "notebooks/06_mlp_from_scratch.ipynb",  # 17
    "tests/test_checks_lesson07.py",  # 10
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {path: position for position, path in enumerate(LONGEST_FIRST)}
    # sort() is stable: each notebook's cells keep their order, as nbval needs
    items.sort(key=lambda item: rank.get(_file(item), len(rank)))


# Two workers share two cores. Left alone, TensorFlow and OpenBLAS start a thread per core in
# every kernel, and four busy threads on two cores run slower than two (measured on 2 cores:
# 8.5 min for the suite with default threads, 6.2 min with one thread each). So kernels get one
# thread each, as tools/grade.py gives them, except lesson 08's: its optimiser comparison prints
# accuracies that depend on how TensorFlow splits sums between threads, and its committed
# outputs are a default run's, as a learner gets them.
DEFAULT_THREADS = {"notebooks/08_better_models.ipynb"}
_THREADS_AS_GIVEN = {name: os.environ.get(name) for name in THREAD_VARIABLES}


def _file(item: pytest.Item) -> str:
    """The notebook or test file of ``item``, relative to the repository."""
    return item.nodeid.split("::")[0]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Runs before nbval sets up a notebook's first cell, which starts its kernel with this
    # environment; test files that start kernels or tools inherit it too.
    default = _file(item) in DEFAULT_THREADS
    for name, given in _THREADS_AS_GIVEN.items():
        wanted = given if default else "1"
        if wanted is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = wanted


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
