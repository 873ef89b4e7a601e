"""The files around the lessons agree with each other: README, CI, Binder, sanitize patterns."""

from __future__ import annotations

import re

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import NOTEBOOKS, ROOT

BINDER = ROOT / "binder"
README_TEST_COMMAND = "python -m pip install -r requirements.txt && pytest"
README_LAB_COMMAND = "python -m pip install -r requirements.txt && jupyter lab notebooks/"


def _requirements() -> dict[str, SpecifierSet]:
    ranges = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            ranges[requirement.name.lower()] = requirement.specifier
    return ranges


def _binder_pins() -> dict[str, Version]:
    pins = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"binder/requirements.txt: {line!r} is not an exact pin (name==version)"
            pins[name.strip().lower()] = Version(version.strip())
    return pins


def test_every_requirement_has_a_lower_and_an_upper_bound() -> None:
    for name, specifier in _requirements().items():
        operators = {spec.operator for spec in specifier}
        assert operators & {">=", "=="} and operators & {"<", "==", "~="}, f"{name}: {specifier}"


def test_requirements_install_the_helpers_package() -> None:
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()


def test_binder_pins_satisfy_the_requirement_ranges() -> None:
    ranges, pins = _requirements(), _binder_pins()
    for name, version in pins.items():
        if name in ranges:
            assert version in ranges[name], f"binder pins {name}=={version}, outside {ranges[name]}"
    # Binder runs x86-64 Linux, where requirements.txt picks tensorflow-cpu.
    lesson_packages = {"jupyterlab", "ipywidgets", "numpy", "matplotlib", "tensorflow-cpu", "keras", "tqdm"}
    for name in lesson_packages:
        assert name in pins, f"binder/requirements.txt does not pin {name}"


def test_binder_python_is_at_least_3_11() -> None:
    runtime = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert match and int(match.group(1)) >= 11, runtime


def test_binder_postbuild_installs_helpers_and_caches_mnist() -> None:
    post_build = BINDER / "postBuild"
    text = post_build.read_text()
    assert post_build.stat().st_mode & 0o111, "binder/postBuild must be executable"
    assert "pip install" in text and "-e ." in text
    assert "mnist.load_data()" in text


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one_unchanged() -> None:
    readme = (ROOT / "README.md").read_text()
    assert README_LAB_COMMAND in readme
    assert README_TEST_COMMAND in readme
    assert README_TEST_COMMAND in (ROOT / ".ci" / "run").read_text()


def test_readme_links_every_lesson_and_its_binder_launch() -> None:
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"(notebooks/{path.name})" in readme, f"README does not link {path.name}"
        assert f"urlpath=lab/tree/notebooks/{path.name})" in readme, f"no Binder link for {path.name}"


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
