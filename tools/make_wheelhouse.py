"""Build a wheelhouse: every package the course needs, as wheel files, to install offline.

Usage (from the repository root, on a connected machine):

    python tools/make_wheelhouse.py wheels              # what learners need (requirements.txt)
    python tools/make_wheelhouse.py wheels --teacher    # and the tools (requirements-teacher.txt)

then, on each computer without internet (same operating system, processor and Python version):

    python -m pip install --no-index --find-links wheels -r wheels/requirements.txt

The course's own packages are built as wheels: ``helpers`` (``pip wheel --no-deps .``) and
the learners' JupyterLab settings (``./jupyter-config``); every other
requirement is fetched with ``pip wheel``, which downloads wheels and builds one from any package
that has only a source archive. ``wheels/requirements.txt`` lists the same ranges as the course's
requirements files, without the editable ``-e .`` line (``pip download`` of that line would zip the
whole course folder, ``.venv`` included), and with ``yfnn-helpers`` instead.

A wheelhouse suits only computers like the one that built it: wheels such as TensorFlow's and
NumPy's are made for one operating system, processor and Python version. Build one per kind of
computer, with the Python version the learners use.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_requirements(path: Path) -> tuple[list[str], list[Path]]:
    """The requirement lines of ``path`` and the course's own package folders it installs
    (``-e .``, ``./jupyter-config``), following ``-r`` includes."""
    lines, folders = [], []
    for raw in path.read_text().splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            included_lines, included_folders = read_requirements(
                path.parent / line.split(maxsplit=1)[1]
            )
            lines += included_lines
            folders += included_folders
        elif line.startswith(("-e ", "--editable ")):
            folders.append(path.parent / line.split(maxsplit=1)[1].split(";")[0].strip())
        elif line.startswith("./"):
            folders.append(path.parent / line.split(";")[0].strip())
        elif line.startswith("-"):
            raise SystemExit(f"{path.name}: option line {line!r} is not supported here")
        else:
            lines.append(line)
    return lines, folders


def pip(*arguments: str) -> None:
    command = [sys.executable, "-m", "pip", *arguments]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to put the wheels, e.g. wheels")
    parser.add_argument(
        "--teacher", action="store_true", help="also the test tools (requirements-teacher.txt)"
    )
    options = parser.parse_args()

    source = ROOT / ("requirements-teacher.txt" if options.teacher else "requirements.txt")
    lines, own_folders = read_requirements(source)
    projects = [
        tomllib.loads((own / "pyproject.toml").read_text())["project"] for own in own_folders
    ]
    own = [f"{project['name']}=={project['version']}" for project in projects]

    folder = options.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    listing = folder / "requirements.txt"
    # First without the course's own packages: pip must not look for them online.
    listing.write_text("\n".join(lines) + "\n")
    for own_folder in own_folders:
        pip("wheel", "--no-deps", "--wheel-dir", str(folder), str(own_folder))
    pip("wheel", "--wheel-dir", str(folder), "--requirement", str(listing))
    listing.write_text(
        f"# Install offline with: python -m pip install --no-index --find-links {options.folder}"
        f" -r {options.folder}/requirements.txt\n"
        f"# Made from {source.name} by tools/make_wheelhouse.py, on {sys.platform},"
        f" Python {sys.version_info.major}.{sys.version_info.minor}: for that system only.\n"
        + "\n".join([*lines, *own])
        + "\n"
    )
    wheels = sorted(folder.glob("*.whl"))
    size = sum(path.stat().st_size for path in wheels) / 1e6
    print(f"wrote {len(wheels)} wheels ({size:,.0f} MB) and {listing}")
    print(
        "Install offline on a computer with the same operating system, processor and Python "
        f"version:\n  python -m pip install --no-index --find-links {options.folder}"
        f" -r {options.folder}/requirements.txt"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
