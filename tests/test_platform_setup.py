"""The first code cell of every lesson, on Colab, on Kaggle and on your own computer.

On Colab (``google.colab`` imported) or Kaggle (``KAGGLE_KERNEL_RUN_TYPE`` set), the cell clones
the course's one repository (pyproject.toml's [tool.course]), installs the helpers package with
``pip install --no-deps`` (nothing the platform preloaded is upgraded) and moves into the
course's notebooks folder. Locally it runs nothing and prints nothing.

Nothing is installed here: the cell's setup lines run with a recorder in place of
``subprocess.run`` and ``os.chdir``, in an empty temporary folder, with a stand-in
``google.colab`` module or a stand-in Kaggle environment variable.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from set_repository import read_source  # noqa: E402

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "student").glob("[0-9][0-9]_*.ipynb")
)
ENVIRONMENT_VARIABLES = ["TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS", "OPENBLAS_NUM_THREADS"]


def lesson_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def setup_code(notebook: Path) -> str:
    """The first code cell's opening lines: everything before its first non-standard-library import."""
    cell = next(
        cell for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"
    )
    tree = ast.parse(cell.source)
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            if any(name.split(".")[0] not in sys.stdlib_module_names for name in names):
                return "\n".join(cell.source.splitlines()[: node.lineno - 1])
    return cell.source


class Recorder:
    """Stands in for subprocess.run and os.chdir: remembers each call, runs nothing."""

    def __init__(self) -> None:
        self.commands: list[tuple[list[str], dict]] = []
        self.folders: list[str] = []
        self.real_chdir = os.chdir  # for a test that must really move (pytest moves back after)

    def run(self, command, **options):
        self.commands.append((list(command), options))
        return subprocess.CompletedProcess(command, 0)

    def chdir(self, folder) -> None:
        self.folders.append(str(folder))


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Recorder:
    """A recorder in place of subprocess.run and os.chdir, in an empty folder, no platform."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.delenv("KAGGLE_KERNEL_RUN_TYPE", raising=False)
    for variable in ENVIRONMENT_VARIABLES:  # the cell sets these; put them back afterwards
        monkeypatch.setenv(variable, os.environ.get(variable, "unset-by-test"))
    calls = Recorder()
    monkeypatch.setattr(subprocess, "run", calls.run)
    monkeypatch.setattr(os, "chdir", calls.chdir)
    return calls


def expected_commands() -> list[list[str]]:
    repository, _ = read_source()
    return [
        ["git", "clone", "--depth", "1", f"https://github.com/{repository}", "course"],
        [sys.executable, "-m", "pip", "install", "--no-deps", "./course"],
    ]


@pytest.mark.parametrize("notebook", LESSONS, ids=lesson_id)
def test_on_colab_it_clones_the_course_and_installs_helpers_without_dependencies(
    notebook: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    exec(setup_code(notebook), {"__name__": "__main__"})
    assert [command for command, _ in recorder.commands] == expected_commands()
    assert all(options.get("check") is True for _, options in recorder.commands), "stop on failure"
    assert recorder.folders == ["course/notebooks"]


@pytest.mark.parametrize("notebook", LESSONS, ids=lesson_id)
def test_on_kaggle_it_does_the_same(
    notebook: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAGGLE_KERNEL_RUN_TYPE", "Interactive")
    exec(setup_code(notebook), {"__name__": "__main__"})
    assert [command for command, _ in recorder.commands] == expected_commands()
    assert recorder.folders == ["course/notebooks"]


@pytest.mark.parametrize("notebook", LESSONS, ids=lesson_id)
def test_run_again_after_a_restart_it_only_moves_into_the_course(
    notebook: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    (tmp_path / "course").mkdir()  # cloned and installed by an earlier run
    exec(setup_code(notebook), {"__name__": "__main__"})
    assert recorder.commands == []
    assert recorder.folders == ["course/notebooks"]


@pytest.mark.parametrize("notebook", LESSONS, ids=lesson_id)
def test_inside_the_course_folder_it_does_nothing(
    notebook: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KAGGLE_KERNEL_RUN_TYPE", "Interactive")
    (tmp_path / "helpers").mkdir()
    (tmp_path / "notebooks").mkdir()
    recorder.real_chdir(tmp_path / "notebooks")  # e.g. lesson 07 running lesson 06 in a new kernel
    exec(setup_code(notebook), {"__name__": "__main__"})
    assert recorder.commands == [] and recorder.folders == []


@pytest.mark.parametrize("notebook", LESSONS, ids=lesson_id)
def test_locally_it_runs_nothing_and_prints_nothing(
    notebook: Path, recorder: Recorder, capfd: pytest.CaptureFixture[str]
) -> None:
    exec(setup_code(notebook), {"__name__": "__main__"})
    assert recorder.commands == [] and recorder.folders == []
    assert capfd.readouterr() == ("", "")


def test_the_setup_lines_come_before_the_course_is_imported() -> None:
    for notebook in LESSONS:
        cells = nbformat.read(notebook, as_version=4).cells
        source = next(cell.source for cell in cells if cell.cell_type == "code")
        assert "ON_COLAB_OR_KAGGLE" in setup_code(notebook), (
            f"{lesson_id(notebook)}: no setup lines"
        )
        assert source.index("ON_COLAB_OR_KAGGLE") < source.index("from helpers"), lesson_id(
            notebook
        )
