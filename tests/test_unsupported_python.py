"""On a Python the course does not support, `pip install -r requirements.txt` stops at once with pip's
"requires a different Python" sentence for the course's own package, before it looks TensorFlow up
(which would end in "No matching distribution found for tensorflow-cpu").

Listing `-e .` first is not enough: pip looks up every top-level requirement before it reads the
package's requires-python (pip 26 says "No matching distribution found for jupyterlab"). So every
other line of requirements.txt carries a marker for the supported Pythons, pip skips them all
("Ignoring …"), and only the course's package is left.

This machine has no unsupported Python, so the test turns it around: a temporary copy of the
project whose requires-python, and requirements.txt's markers, exclude the running interpreter,
installed with --no-index (no packages at all). Had pip looked a package up first, it would say
"No matching distribution". The copy builds its metadata with a stand-in backend (below) instead
of setuptools, which pip would have to download into its build environment, and without
dependencies: what is tested is whether pip reaches requirements.txt's packages. Offline, seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT

# A PEP 517 backend that writes the project's metadata from pyproject.toml and builds nothing.
STAND_IN_BACKEND = """
import tomllib
from pathlib import Path


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    project = tomllib.loads(Path("pyproject.toml").read_text())["project"]
    info = Path(metadata_directory) / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir()
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}"]
    lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {requirement}" for requirement in project["dependencies"]]
    (info / "METADATA").write_text("\\n".join(lines) + "\\n")
    return info.name


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    raise RuntimeError("the test only resolves")
"""


def test_pip_names_the_supported_pythons_before_looking_anything_up(tmp_path: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    supported = project["requires-python"]
    running = f"{sys.version_info[0]}.{sys.version_info[1]}"
    pyproject = (
        '[build-system]\nrequires = []\nbuild-backend = "stand_in_backend"\nbackend-path = ["."]\n\n'
        f'[project]\nname = "{project["name"]}"\nversion = "{project["version"]}"\n'
        f'requires-python = "{supported},!={running}.*"\ndependencies = []\n'
    )
    (tmp_path / "pyproject.toml").write_text(pyproject)
    (tmp_path / "stand_in_backend.py").write_text(STAND_IN_BACKEND)
    requirements = (ROOT / "requirements.txt").read_text()
    marker = 'python_version < "3.'
    assert marker in requirements, (
        "requirements.txt's lines have no marker for the supported Pythons"
    )
    requirements = requirements.replace(marker, f'python_version != "{running}" and {marker}')
    (tmp_path / "requirements.txt").write_text(requirements)
    # requirements.txt also installs this folder by path; pip checks that it exists.
    shutil.copytree(ROOT / "jupyter-config", tmp_path / "jupyter-config")

    # No configuration files, no find-links or index from the machine: nothing to download at all.
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    environment |= {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # --ignore-installed: what this environment has must not satisfy a requirement either.
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--no-index",
        "--ignore-installed",
    ]
    command += ["-r", "requirements.txt"]
    result = subprocess.run(
        command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120
    )
    output = result.stdout + result.stderr

    assert result.returncode != 0, output
    assert "No matching distribution" not in output, f"pip looked a package up first:\n{output}"
    assert f"Package '{project['name']}' requires a different Python" in output, output
    # The sentence names the supported range, e.g. "3.14.0 not in '<3.14,>=3.11'".
    for bound in supported.split(","):
        assert bound.strip() in output, output
