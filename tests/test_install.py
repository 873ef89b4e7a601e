"""Installs as a newcomer would do them, each into a fresh virtual environment in a temporary folder.

These need PyPI (or pip's cache) and a few minutes each, so plain `pytest` skips them
(marker `network`, deselected in pyproject.toml); .ci/run runs them with `pytest -m network`.

- the README's offline recipe: a wheelhouse built by tools/make_wheelhouse.py installs with
  `--no-index`, and the learner's JupyterLab that results shows no nbgrader;
- the README's own install (`pip install -r requirements.txt`): the learner's JupyterLab lists no
  nbgrader extension and has JupyterLab's news pop-up switched off (the course's jupyter-config
  package), checked in a running `jupyter lab`;
- Binder: binder/requirements.txt installed over the versions repo2docker's base environment
  has gives a consistent `pip check`, and lesson 00's installation check there prints no FAIL.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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
    # The setup cell, the version table and the verdict cell after it.
    table = next(number for number, source in enumerate(code) if "tested_versions = {" in source)
    return "\n\n".join([code[0], code[table], code[table + 1]])


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
    assert "✓ Every package the lessons need is installed, in a tested version." in printed, printed
    assert "UNTESTED" not in printed and "MISSING" not in printed, printed

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
    assert "✓ Every package the lessons need is installed, in a tested version." in printed, printed
    assert "UNTESTED" not in printed and "MISSING" not in printed, printed


def notification_defaults(jupyter: Path, folder: Path) -> dict:
    """Start `jupyter lab` as a learner would and read the defaults of its notification settings."""
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "course-test"
    command = [str(jupyter), "lab", "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER")}
    log = folder / "jupyter-lab.log"
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification"
            request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
            for _ in range(180):
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        properties = json.load(response)["schema"]["properties"]
                        return {name: properties[name]["default"] for name in ("fetchNews", "checkForUpdates")}
                except OSError:
                    assert server.poll() is None, f"jupyter lab stopped:\n{log.read_text()}"
                    time.sleep(1)
            raise AssertionError(f"jupyter lab did not answer within 3 minutes:\n{log.read_text()}")
        finally:
            server.terminate()
            server.wait(timeout=60)


def test_readme_install_gives_learners_jupyterlab_without_teacher_tooling_or_news_popup(scratch: Path) -> None:
    python = fresh_venv(scratch / "venv")
    run(python, "-m", "pip", "install", "-r", ROOT / "requirements.txt")  # the README's command
    run(python, "-m", "pip", "check")

    jupyter = python.parent / "jupyter"
    lab = run(jupyter, "labextension", "list")
    server = run(jupyter, "server", "extension", "list")
    print(lab, server)  # shown with pytest -s: the learner's enabled extensions
    assert "jupyterlab" in server and "@jupyter-widgets/jupyterlab-manager" in lab
    assert "nbgrader" not in lab.lower() + server.lower(), lab + server

    # "Would you like to get notified about official Jupyter news?" appears only while fetchNews
    # is "none" (ask); the course's jupyter-config package makes "false" the default.
    assert notification_defaults(jupyter, scratch) == {"fetchNews": "false", "checkForUpdates": False}
