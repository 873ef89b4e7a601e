"""The files around the lessons agree with each other: requirements (learner and teacher), lesson 00,
README, CI, Binder, sanitize patterns."""

from __future__ import annotations

import ast
import importlib.util
import re
import tomllib
from pathlib import Path

import nbformat
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import LONGEST_FIRST, NOTEBOOKS, ROOT

BINDER = ROOT / "binder"
PYPROJECT = ROOT / "pyproject.toml"
LEARNER_REQUIREMENTS = ROOT / "requirements.txt"
TEACHER_REQUIREMENTS = ROOT / "requirements-teacher.txt"
README_LAB_COMMAND = "python -m pip install -r requirements.txt && jupyter lab student/00_welcome.ipynb"
README_TEACHER_COMMAND = "python -m pip install -r requirements-teacher.txt && jupyter lab notebooks/"
README_TEST_COMMAND = "python -m pip install -r requirements-teacher.txt && pytest"
CI_NETWORK_COMMAND = "pytest -m network"
# Tools for teachers and tests only: a learner's environment (and Binder's) has none of them.
TEACHER_TOOLS = {"pytest", "nbval", "nbgrader", "ruff", "nbconvert", "nbclient"}
# What lesson 00's check calls "tensorflow": the package requirements.txt picks per platform.
TENSORFLOW = {"tensorflow", "tensorflow-cpu"}


def _requirements(path: Path = LEARNER_REQUIREMENTS) -> dict[str, SpecifierSet]:
    """Name → range of every requirement in ``path``, following ``-r`` includes."""
    ranges = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            ranges |= _requirements(path.parent / line.removeprefix("-r ").strip())
        elif line and not line.startswith(("-", "./")):  # ./jupyter-config: a folder, no range
            requirement = Requirement(line)
            ranges[requirement.name.lower()] = requirement.specifier
    return ranges


def _project() -> dict:
    return tomllib.loads(PYPROJECT.read_text())["project"]


def _supported_pythons() -> list[tuple[int, int]]:
    """[(3, 11), (3, 12), (3, 13)]: the versions pyproject.toml's requires-python allows."""
    specifier = SpecifierSet(_project()["requires-python"])
    assert {spec.operator for spec in specifier} == {">=", "<"}, f"requires-python: {specifier}"
    supported = [(3, minor) for minor in range(40) if Version(f"3.{minor}") in specifier]
    assert supported == [(3, minor) for minor in range(supported[0][1], supported[-1][1] + 1)]
    return supported


def _binder_pins() -> dict[str, Version]:
    pins = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"binder/requirements.txt: {line!r} is not an exact pin (name==version)"
            pins[name.strip().lower()] = Version(version.strip())
    return pins


def _lesson00_tested_versions() -> dict[str, str]:
    notebook = nbformat.read(NOTEBOOKS[0], as_version=4)
    for cell in notebook.cells:
        for node in ast.walk(ast.parse(cell.source)) if cell.cell_type == "code" else []:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "tested_versions":
                return ast.literal_eval(node.value)
    raise AssertionError("lesson 00 has no `tested_versions = {...}` table")


def test_every_requirement_has_a_lower_and_an_upper_bound() -> None:
    for name, specifier in _requirements(TEACHER_REQUIREMENTS).items():
        operators = {spec.operator for spec in specifier}
        assert operators & {">=", "=="} and operators & {"<", "==", "~="}, f"{name}: {specifier}"


def test_requirements_install_the_helpers_package() -> None:
    assert "-e ." in LEARNER_REQUIREMENTS.read_text().splitlines()


def test_learners_get_the_lessons_and_teachers_get_the_tools_on_top() -> None:
    learner, teacher = _requirements(), _requirements(TEACHER_REQUIREMENTS)
    assert not TEACHER_TOOLS & learner.keys(), f"teacher tools in requirements.txt: {TEACHER_TOOLS & learner.keys()}"
    assert "-r requirements.txt" in TEACHER_REQUIREMENTS.read_text().splitlines()
    assert teacher.keys() >= TEACHER_TOOLS, f"requirements-teacher.txt lacks {TEACHER_TOOLS - teacher.keys()}"


def test_lesson00_checks_exactly_the_learner_requirements() -> None:
    # Lesson 00 must work in a copy far from requirements.txt, so it carries its own table.
    tested = _lesson00_tested_versions()
    expected = {
        ("tensorflow" if name in TENSORFLOW else name): str(specifier)
        for name, specifier in _requirements().items()
    }
    assert {name: str(SpecifierSet(value)) for name, value in tested.items()} == expected


def test_binder_pins_satisfy_the_requirement_ranges() -> None:
    ranges, pins = _requirements(), _binder_pins()
    for name, version in pins.items():
        if name in ranges:
            assert version in ranges[name], f"binder pins {name}=={version}, outside {ranges[name]}"
    # Binder runs x86-64 Linux, where requirements.txt picks tensorflow-cpu.
    for name in ranges.keys() - {"tensorflow"}:
        assert name in pins, f"binder/requirements.txt does not pin {name}"
    assert not TEACHER_TOOLS & pins.keys(), f"Binder is for learners: {TEACHER_TOOLS & pins.keys()}"


def test_binder_pins_what_its_base_environment_would_leave_inconsistent() -> None:
    # repo2docker's base environment has notebook 7.4.7 (jupyterlab<4.5) and packaging 25.0;
    # tests/test_install.py installs over those and runs pip check.
    pins = _binder_pins()
    assert "notebook" in pins and "packaging" in pins
    assert pins["notebook"] >= Version("7.6"), "notebook 7.6 is the first that accepts jupyterlab 4.6"


def test_binder_python_is_a_supported_one() -> None:
    runtime = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert match and (3, int(match.group(1))) in _supported_pythons(), runtime


def test_the_supported_pythons_agree_everywhere() -> None:
    # requires-python is the source; README, requirements.txt, CI, lesson 00 and the package's
    # classifiers say the same versions.
    supported = _supported_pythons()
    (_, oldest), (_, newest) = supported[0], supported[-1]
    listed = ", ".join(f"3.{minor}" for _, minor in supported[:-1]) + f" or 3.{newest}"
    readme = (ROOT / "README.md").read_text()
    assert f"**Python {listed}.**" in readme
    assert f"Python {listed}:" in LEARNER_REQUIREMENTS.read_text()
    check = f"(3, {oldest}) <= sys.version_info[:2] <= (3, {newest})"
    assert check in (ROOT / ".ci" / "run").read_text(), f".ci/run lacks {check!r}"
    lesson00 = "\n".join(cell.source for cell in nbformat.read(NOTEBOOKS[0], as_version=4).cells)
    assert check in lesson00 and f"(tested: 3.{oldest} to 3.{newest})" in lesson00
    classifiers = {c for c in _project()["classifiers"] if c.startswith("Programming Language :: Python :: 3.")}
    assert classifiers == {f"Programming Language :: Python :: 3.{minor}" for _, minor in supported}


def test_every_learner_requirement_is_skipped_on_an_unsupported_python() -> None:
    # So that pip reaches only `-e .` there and names the supported versions
    # (tests/test_unsupported_python.py shows it does).
    (_, oldest), (_, newest) = _supported_pythons()[0], _supported_pythons()[-1]
    marker = f'python_version >= "3.{oldest}" and python_version < "3.{newest + 1}"'
    lines = [line.split("#")[0].strip() for line in LEARNER_REQUIREMENTS.read_text().splitlines()]
    requirements = [line for line in lines if line and not line.startswith("-")]
    assert requirements
    for line in requirements:
        # A local folder (./jupyter-config) is not a PEP 508 name: read its marker after " ; ".
        line_marker = line.split(" ; ", 1)[1] if line.startswith("./") else str(Requirement(line).marker)
        assert line_marker.startswith(marker), f"{line!r} lacks the marker {marker!r}"
    assert lines.index("-e .") < min(lines.index(line) for line in requirements)


def test_readme_says_how_to_install_the_newest_supported_python_beside_another() -> None:
    readme = (ROOT / "README.md").read_text()
    newest = f"3.{_supported_pythons()[-1][1]}"
    for command in (f"py -{newest} -m venv", f"brew install python@{newest}", f"pyenv install {newest}"):
        assert command in readme, f"README lacks {command!r}"


def test_helpers_accept_the_course_versions_and_the_compatibility_run_ones() -> None:
    # The helpers package declares loose ranges (Colab, Kaggle); requirements.txt's ranges and
    # Binder's pins lie inside them, and their lower bounds are what tools/compat_run.py runs.
    spec = importlib.util.spec_from_file_location("compat_run", ROOT / "tools" / "compat_run.py")
    compat_run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compat_run)
    old_stack = {Requirement(line).name: Requirement(line).specifier for line in compat_run.OLD_STACK}
    ranges, pins = _requirements(), _binder_pins()
    for dependency in map(Requirement, _project()["dependencies"]):
        name, loose = dependency.name.lower(), dependency.specifier
        assert pins[name] in loose, f"binder pins {name}=={pins[name]}, outside the helpers' {loose}"
        for bound in ranges[name]:
            if bound.operator == ">=":
                assert Version(bound.version) in loose, f"{name}: {ranges[name]} not inside {loose}"
            if bound.operator == "<":
                uppers = [Version(s.version) for s in loose if s.operator == "<"]
                assert all(upper >= Version(bound.version) for upper in uppers), f"{name}: {loose}"
        lower = next(Version(s.version) for s in loose if s.operator == ">=")
        assert str(old_stack[name]) == f"=={lower}.*", f"{name}>={lower}, compat run: {old_stack[name]}"


def test_pyproject_packages_every_helpers_subpackage() -> None:
    # A non-editable install (Colab, Kaggle, a wheelhouse) copies only the listed packages.
    listed = set(tomllib.loads(PYPROJECT.read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "helpers").rglob("__init__.py")}
    assert listed == found


def test_binder_postbuild_installs_helpers_and_caches_mnist() -> None:
    post_build = BINDER / "postBuild"
    text = post_build.read_text()
    assert post_build.stat().st_mode & 0o111, "binder/postBuild must be executable"
    assert "pip install" in text and "-e ." in text
    assert "mnist.load_data()" in text


def test_readme_gives_the_commands_and_ci_runs_the_test_one_unchanged() -> None:
    readme = (ROOT / "README.md").read_text()
    for command in (README_LAB_COMMAND, README_TEACHER_COMMAND, README_TEST_COMMAND):
        assert command in readme, f"README lacks {command!r}"
    ci = (ROOT / ".ci" / "run").read_text()
    assert README_TEST_COMMAND in ci
    assert CI_NETWORK_COMMAND in ci, "CI must also run the install tests (marker network)"


def test_readme_states_the_supported_platforms() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "python3-venv" in readme and "$env:MNIST_NPZ" in readme
    assert "Intel Mac" in readme


def test_readme_wheelhouse_recipe_never_downloads_the_editable_line() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "pip download -r requirements" not in readme
    assert "tools/make_wheelhouse.py" in readme and "--no-index" in readme


def test_readme_links_every_lesson_its_solved_version_and_its_binder_launch() -> None:
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"(student/{path.name})" in readme, f"README does not link student/{path.name}"
        assert f"(notebooks/{path.name})" in readme, f"README does not link notebooks/{path.name}"
        assert f"urlpath=lab/tree/student/{path.name})" in readme, f"no Binder link for {path.name}"


def test_lesson00_links_binder_as_text_not_as_an_image() -> None:
    # Offline, an image badge is a broken picture; a text link still reads well.
    header = nbformat.read(NOTEBOOKS[0], as_version=4).cells[0].source
    assert "badge_logo.svg" not in header and "urlpath=lab/tree/student/00_welcome.ipynb" in header


def test_sanitize_file_pairs_are_well_formed() -> None:
    # nbval silently drops a regex without its replace line; don't let that happen quietly.
    lines = [line for line in (ROOT / "tests" / "sanitize.cfg").read_text().splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if line.startswith("regex: "):
            re.compile(line.removeprefix("regex: "))
            assert lines[index + 1].startswith("replace: "), f"no replace line after {line!r}"
        elif line.startswith("replace: "):
            assert lines[index - 1].startswith("regex: "), f"replace without regex: {line!r}"
        else:
            assert line.startswith("["), f"unexpected line in sanitize.cfg: {line!r}"


def test_sanitize_patterns_hide_what_varies() -> None:
    import nbval.plugin

    patterns = nbval.plugin.get_sanitize_patterns((ROOT / "tests" / "sanitize.cfg").read_text())
    samples = {
        "1875/1875 - 3s - 2ms/step - accuracy: 0.9": "1875/1875 - TIME - TIME/step - accuracy: 0.9",
        "100%|██| 1875/1875 [00:03<00:00, 512.31it/s]": "100%|██| 1875/1875 [ELAPSED<REMAINING, RATE]",
        "<function f at 0x7f3a2b>": "<function f at 0xADDRESS>",
        "<Figure size 640x480 with 1 Axes>": "<Figure size 640x480 with 1 Axes>",
        "training took 12.3 s": "training took T s",
    }
    for raw, expected in samples.items():
        text = raw
        for regex, replacement in patterns:
            text = re.sub(regex, replacement, text)
        assert text == expected, f"{raw!r} became {text!r}"


def test_the_suite_order_names_files_that_exist() -> None:
    missing = [path for path in LONGEST_FIRST if not (ROOT / path).is_file()]
    assert not missing, f"tests/conftest.py LONGEST_FIRST names files that do not exist: {missing}"
