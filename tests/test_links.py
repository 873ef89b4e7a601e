"""Every launch link names the one repository in pyproject.toml, and a fork needs one command.

The repository (OWNER/NAME) and branch are written once, in pyproject.toml's [tool.course].
tools/set_repository.py rewrites every Binder, Colab, Kaggle, nbgitpuller and github.com link
made from it (README.md, TEACHING.md, site/, notebooks/, student/) and each lesson's
"**Run it online**" header line. These tests check that all those links agree with that one
place, that every lesson offers all three platforms, and that setting a fork and back is a
clean round trip that leaves the student copies' outputs alone.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from make_student_copies import student_copy  # noqa: E402
from set_repository import (  # noqa: E402
    HEADER_START,
    NBGITPULLER_LINK,
    PLATFORM_LINKS,
    binder_link,
    colab_link,
    header_line,
    kaggle_link,
    lesson_notebooks,
    nbgitpuller_link,
    read_source,
    rewrite_links,
    rewritten,
    set_repository,
    text_files,
)

REPOSITORY, BRANCH = read_source()
LESSON_NAMES = [path.name for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
HUB = "https://YOUR-HUB.example.org"


def files_with_links(root: Path = ROOT) -> list[Path]:
    return text_files(root) + lesson_notebooks(root)


def platform_links(text: str) -> list[re.Match[str]]:
    return [match for pattern in PLATFORM_LINKS for match in pattern.finditer(text)]


def copy_of_the_course(destination: Path) -> Path:
    """The files set_repository.py reads and writes, copied to ``destination``."""
    for path in [ROOT / "pyproject.toml", *files_with_links()]:
        target = destination / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return destination


def test_the_repository_is_written_once_in_pyproject() -> None:
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", REPOSITORY) and BRANCH
    text = (ROOT / "pyproject.toml").read_text()
    assert text.count(REPOSITORY) == 1, "pyproject.toml names the repository more than once"


@pytest.mark.parametrize("path", files_with_links(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_launch_link_names_the_one_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for match in platform_links(text):
        assert match.group("repo") == REPOSITORY, f"{match.group()} is not {REPOSITORY}"
    for match in NBGITPULLER_LINK.finditer(text):
        owner, name = REPOSITORY.split("/")
        assert (match.group("owner"), match.group("name"), match.group("folder")) == (
            owner,
            name,
            name,
        )
    # Lesson links point at a student copy that exists, on the configured branch.
    for lesson in re.findall(r"(?:tree|blob/[\w.-]+)/(student/[\w.-]+\.ipynb)", text):
        assert (ROOT / lesson).is_file(), f"{path.name} links to {lesson}, which does not exist"
    for blob_branch in re.findall(
        rf"github(?:\.com)?/{re.escape(REPOSITORY)}/blob/([\w.-]+)/", text
    ):
        assert blob_branch == BRANCH


def test_set_repository_would_change_nothing() -> None:
    """The tool, run with the repository already configured, finds nothing to rewrite."""
    stale = rewritten(ROOT, REPOSITORY, REPOSITORY, BRANCH)
    assert not stale, (
        "run `python tools/set_repository.py "
        + REPOSITORY
        + "`: "
        + ", ".join(str(path.relative_to(ROOT)) for path in stale)
    )


@pytest.mark.parametrize(
    "notebook", lesson_notebooks(), ids=lambda path: f"{path.parent.name}/{path.stem}"
)
def test_each_lesson_header_offers_binder_colab_and_kaggle(notebook: Path) -> None:
    lesson = f"student/{notebook.name}"
    header = nbformat.read(notebook, as_version=4).cells[0].source
    lines = [line for line in header.splitlines() if line.startswith(HEADER_START)]
    assert lines == [header_line(REPOSITORY, BRANCH, lesson)], (
        f"the header's '{HEADER_START}' line is not the one tools/set_repository.py writes"
    )
    for make in (binder_link, colab_link, kaggle_link):
        assert make(REPOSITORY, BRANCH, lesson) in lines[0]


def test_the_readme_launch_table_has_every_lesson_on_every_platform() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Run it online", 1)[1].split("\n## ", 1)[0]
    for name in LESSON_NAMES:
        lesson = f"student/{name}"
        row = next((line for line in section.splitlines() if f"]({lesson})" in line), None)
        assert row is not None, f"README's 'Run it online' table has no row for {name}"
        for make in (binder_link, colab_link, kaggle_link):
            assert make(REPOSITORY, BRANCH, lesson) in row, f"{name}: {make.__name__} missing"


def test_teaching_has_an_nbgitpuller_link_for_every_lesson() -> None:
    teaching = (ROOT / "TEACHING.md").read_text()
    for name in LESSON_NAMES:
        link = nbgitpuller_link(REPOSITORY, BRANCH, f"student/{name}", HUB)
        assert link in teaching, f"TEACHING.md lacks the nbgitpuller link for {name}: {link}"


def test_a_fork_in_one_command_and_back(tmp_path: Path) -> None:
    course = copy_of_the_course(tmp_path / "course")
    # The committed state (see test_set_repository_would_change_nothing), then a fork.
    set_repository(REPOSITORY, root=course)
    before = {path: path.read_bytes() for path in course.rglob("*") if path.is_file()}
    outputs_before = {
        path: [cell.get("outputs") for cell in nbformat.read(path, as_version=4).cells]
        for path in lesson_notebooks(course)
    }

    set_repository("someone/fork", root=course)
    assert read_source(course) == ("someone/fork", BRANCH)
    for path, old_bytes in before.items():
        text = path.read_text(encoding="utf-8")
        assert REPOSITORY not in text, f"{path.name} still names {REPOSITORY}"
        assert REPOSITORY.replace("/", "%2F") not in text, f"{path.name} still names {REPOSITORY}"
        for match in platform_links(text):
            assert match.group("repo") == "someone/fork"
        # Only lines that carry a link (or the repository line) changed.
        old_lines, new_lines = old_bytes.decode().splitlines(), text.splitlines()
        assert len(old_lines) == len(new_lines), f"{path.name}: lines added or removed"
        for old, new in zip(old_lines, new_lines, strict=True):
            if old != new:
                assert "someone/fork" in new or "someone%2Ffork" in new, f"{path.name}: {new[:120]}"
    for path, outputs in outputs_before.items():
        cells = nbformat.read(path, as_version=4).cells
        assert [cell.get("outputs") for cell in cells] == outputs, f"{path.name}: outputs changed"
    for notebook in lesson_notebooks(course):
        lesson = f"student/{notebook.name}"
        header = nbformat.read(notebook, as_version=4).cells[0].source
        assert header_line("someone/fork", BRANCH, lesson) in header

    # Idempotent, and the way back gives the very same bytes.
    assert set_repository("someone/fork", root=course) == []
    set_repository(REPOSITORY, root=course)
    after = {path: path.read_bytes() for path in course.rglob("*") if path.is_file()}
    changed = [path.name for path in before if after[path] != before[path]]
    assert not changed, f"not the same after the round trip: {changed}"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_rewriting_commutes_with_making_the_student_copy(name: str, tmp_path: Path) -> None:
    """Editing both folders gives what regenerating student/ from the edited lesson would give."""
    notebook = ROOT / "notebooks" / name
    student_then_rewrite = rewrite_links(
        nbformat.writes(student_copy(notebook)), REPOSITORY, "someone/fork"
    )
    rewritten_lesson = nbformat.reads(
        rewrite_links(notebook.read_text(encoding="utf-8"), REPOSITORY, "someone/fork"),
        as_version=4,
    )
    nbformat.write(rewritten_lesson, tmp_path / name)
    assert nbformat.writes(student_copy(tmp_path / name)) == student_then_rewrite
