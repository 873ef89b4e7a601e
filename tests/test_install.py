"""Installs as a newcomer would do them, each into a fresh virtual environment in a temporary folder.

These need PyPI (or pip's cache) and a few minutes each, so plain `pytest` skips them
(marker `network`, deselected in pyproject.toml); .ci/run runs them with `pytest -m network`.

- the README's offline recipe: a wheelhouse built by tools/make_wheelhouse.py installs with
  `--no-index`, and the learner's JupyterLab that results shows no nbgrader;
- Binder: binder/requirements.txt installed over the versions repo2docker's base environment
  has gives a consistent `pip check`, and lesson 00's installation check there prints no FAIL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

pytestmark = pytest.mark.network


@pytest.fixture
def scratch(tmp_path: Path):
    """tmp_path, emptied afterwards: each environment here takes about 2 GB of disk."""
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)

# What repo2docker's base environment has that binder/requirements.txt must override.
BINDER_BASE = ["notebook==7.4.7", "packaging==25.0"]


def run(*command: str | Path, offline: bool = False) -> str:
    environment = dict(os.environ)
    if offline:  # pip with no configuration: no index, no find-links but the wheelhouse
        environment = {key: value for key, value in environment.items() if not key.startswith("PIP_")}
        environment["PIP_CONFIG_FILE"] = os.devnull
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def fresh_venv(folder: Path) -> Path:
    """A new virtual environment in ``folder``; return its python."""
    run(sys.executable, "-m", "venv", folder)
    return folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def lesson00_check_code() -> str:
    """Lesson 00's setup and installation-check cells, as one script."""
    notebook = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    wanted = [source for source in code if "import os" in source or "tested_versions" in source or "problems" in source]
    return "\n\n".join(wanted)


def test_wheelhouse_installs_offline_and_learners_see_no_nbgrader(scratch: Path) -> None:
    wheels = scratch / "wheels"
    run(sys.executable, ROOT / "tools" / "make_wheelhouse.py", wheels)
    assert (wheels / "requirements.txt").is_file()
    assert not list(wheels.glob("*.zip")) and not list(wheels.glob("*.tar.gz")), "only wheels"
    assert sum(path.stat().st_size for path in wheels.iterdir()) < 1e9, "the wheelhouse is too big"

    python = fresh_venv(scratch / "venv")
    run(python, "-m", "pip", "install", "--no-index", "--find-links", wheels, "-r", wheels / "requirements.txt",
        offline=True)
    run(python, "-m", "pip", "check")
    run(python, "-c", "import helpers.checks, helpers.data, keras, tensorflow")

    # Lesson 00's check in the learner's environment: every line OK.
    printed = run(python, "-c", lesson00_check_code())
    assert "FAIL" not in printed and "✓ Every package the lessons need" in printed, printed

    # The learner's JupyterLab: no nbgrader menu, panel, Validate button or server extension.
    jupyter = python.parent / "jupyter"
    lab = run(jupyter, "labextension", "list")
    server = run(jupyter, "server", "extension", "list")
    assert "jupyterlab" in server and "@jupyter-widgets/jupyterlab-manager" in lab
    assert "nbgrader" not in lab.lower() + server.lower(), lab + server


def test_binder_requirements_over_the_base_environment_pass_pip_check(scratch: Path) -> None:
    python = fresh_venv(scratch / "venv")
    run(python, "-m", "pip", "install", *BINDER_BASE)
    run(python, "-m", "pip", "install", "-r", ROOT / "binder" / "requirements.txt")
    run(python, "-m", "pip", "check")
    # binder/postBuild's own install step.
    run(python, "-m", "pip", "install", "--no-deps", "-e", ".")

    printed = run(python, "-c", lesson00_check_code())
    assert "FAIL" not in printed and "✓ Every package the lessons need" in printed, printed
