"""Compatibility run: every lesson, top to bottom, on an older stack like a Colab or Kaggle image.

requirements.txt pins what the lessons were written and tested with. On Colab or Kaggle a learner
gets what the platform preloaded instead, usually older, and the lessons install only the course's
helpers package there, without its dependencies. This script checks that the lessons still work
on such a stack:

1. It builds a virtual environment (default ``.venv-compat/``) with the oldest Python that
   pyproject.toml's ``requires-python`` allows and the packages in ``OLD_STACK`` below, from PyPI
   (a few minutes; pip's cache helps). Then it installs the helpers package from this checkout as
   Colab would, ``pip install --no-deps`` (not editable: a subpackage pyproject.toml forgets is
   missing), and runs ``pip check``: the helpers' own dependency ranges (pyproject.toml) must
   accept the old stack. ``--reuse`` skips the environment, not the helpers (seconds).
2. It runs every notebook in notebooks/ in a fresh kernel of that environment (nbclient), in
   order, copied into one temporary folder, with ``COURSE_STATIC_PLOTS=1`` and ``MNIST_NPZ`` taken
   from the environment (without it, Keras downloads MNIST). Outputs are not compared with the
   saved ones. Every cell must run without error (cells tagged ``raises-exception`` may raise),
   so the accuracy claims a lesson asserts in a visible cell still hold on the old stack.
3. It prints the install time, the time per notebook and the total, and exits 1 if anything failed,
   naming the notebook, the code cell and the error.

Usage (from the repository root; the script itself needs Python 3.11+ and nothing else):

    MNIST_NPZ=/path/to/mnist.npz python tools/compat_run.py       # build .venv-compat, run all
    python tools/compat_run.py --reuse                  # reuse .venv-compat if it exists
    python tools/compat_run.py --env DIR --python /path/to/python3.11
    python tools/compat_run.py --reuse notebooks/07_keras_mnist.ipynb   # only these lessons
    python tools/compat_run.py --reuse --save /tmp/compat   # keep the executed notebooks

Lessons that need an earlier lesson's saved files (notebooks/saved/) must be named with it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# An older stack, like the images Colab and Kaggle preloaded in 2025: the TensorFlow, Keras, NumPy
# and Matplotlib releases the helpers' lower bounds must accept, and what the lessons import
# besides (ipywidgets, tqdm, packaging) at the versions such an image has. ipykernel and nbclient
# run the notebooks. jupyterlab is not named (Colab shows notebooks without it); ipywidgets 7
# brings the newest one anyway, through widgetsnbextension 3 and notebook 7.
OLD_STACK = [
    "tensorflow-cpu==2.19.*",
    "keras==3.10.*",
    "numpy==2.0.*",
    "matplotlib==3.10.*",
    "ipykernel==6.17.*",
    "ipywidgets==7.7.*",
    "nbclient==0.10.*",
    "tqdm==4.67.*",
    "packaging==24.*",
]
# What the helpers package is built from (a copy: pip leaves build/ and *.egg-info behind).
HELPERS_FILES = ["pyproject.toml", "README.md", "LICENSE", "helpers"]


def oldest_supported_python() -> tuple[int, int]:
    """The lower bound of pyproject.toml's requires-python, as (3, minor)."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    match = re.search(r">=\s*3\.(\d+)", requires)
    if not match:
        raise SystemExit(f"pyproject.toml: no lower bound in requires-python = {requires!r}")
    return 3, int(match.group(1))


def find_python(version: tuple[int, int]) -> str:
    """An interpreter for ``version``: pythonX.Y on PATH, else the newest pyenv one."""
    name = f"python{version[0]}.{version[1]}"
    found = shutil.which(name)
    if found and "shims" not in Path(found).parts:  # a pyenv shim depends on pyenv's settings
        return found
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = sorted(pyenv.glob(f"{version[0]}.{version[1]}.*/bin/python"))
    if candidates:
        return str(candidates[-1])
    raise SystemExit(f"no {name} found (on PATH or in pyenv): pass --python")


def run(command: list[str], **kwargs) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True, **kwargs)


def build_environment(env: Path, python: str) -> None:
    """A fresh virtual environment with OLD_STACK."""
    if env.exists():
        shutil.rmtree(env)
    run([python, "-m", "venv", str(env)])
    run([*pip_command(env), "install", "--quiet", *OLD_STACK])


def install_helpers(env: Path) -> None:
    """The helpers package from this checkout, installed as Colab would, then ``pip check``."""
    with tempfile.TemporaryDirectory() as folder:
        for name in HELPERS_FILES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(
                    source, Path(folder) / name, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy2(source, Path(folder) / name)
        # As a Colab or Kaggle first cell installs it: nothing the platform preloaded changes.
        # Not editable, so a module that pyproject.toml forgets to package is missing here too.
        run([*pip_command(env), "install", "--quiet", "--no-deps", "--force-reinstall", folder])
    # The helpers' declared ranges must accept the old stack, or pip would upgrade it.
    run([*pip_command(env), "check"])


def pip_command(env: Path) -> list[str]:
    return [str(env / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]


def versions(env: Path) -> str:
    names = [
        "tensorflow-cpu",
        "keras",
        "numpy",
        "matplotlib",
        "ipywidgets",
        "tqdm",
        "packaging",
        "yfnn-helpers",
    ]
    code = (
        "import platform; from importlib import metadata\n"
        f"found = [name + ' ' + metadata.version(name) for name in {names!r}]\n"
        "print('Python', platform.python_version(), *found, sep=', ')"
    )
    return subprocess.run(
        [str(env / "bin" / "python"), "-c", code], check=True, capture_output=True, text=True
    ).stdout.strip()


def first_failing_cell(notebook) -> tuple[int, str]:
    """(code cell number counting from 1, error) of the first unexpected error in ``notebook``."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if "raises-exception" in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return number, f"{output['ename']}: {output['evalue']}"
    return 0, "(no error output found)"


def run_notebooks_here(paths: list[Path], timeout: int, save: Path | None) -> int:
    """Inside the compatibility environment: run ``paths`` in a temporary copy, report times.

    With ``save``, every executed notebook is written there too, to read its outputs."""
    # Imported here, from this environment. execute_notebooks (this script's folder is on
    # sys.path) gives a learner's kernel environment: no variable a maintainer's shell sets.
    import nbformat
    from execute_notebooks import jupyterlab_environment
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    environment = jupyterlab_environment(
        COURSE_STATIC_PLOTS="1",
        VIRTUAL_ENV=sys.prefix,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    failures, total = [], 0.0
    with tempfile.TemporaryDirectory(prefix="compat-run-") as folder:
        for path in paths:
            copy = Path(folder) / path.name
            shutil.copy2(path, copy)
            notebook = nbformat.read(copy, as_version=4)
            client = NotebookClient(
                notebook,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": folder}},
            )
            start = time.perf_counter()
            try:
                client.execute(env=environment)
            except CellExecutionError:
                number, error = first_failing_cell(notebook)
                failures.append(path.name)
                print(f"FAILED {path.name}, code cell {number}: {error}", flush=True)
            except Exception as error:  # a timeout or a dead kernel: report it, go on with the next
                failures.append(path.name)
                print(f"FAILED {path.name}: {type(error).__name__}: {error}", flush=True)
            else:
                print(f"ok     {path.name}", end="", flush=True)
            seconds = time.perf_counter() - start
            total += seconds
            if save:
                save.mkdir(parents=True, exist_ok=True)
                nbformat.write(notebook, save / path.name)
            print(f"  {seconds:7.1f} s", flush=True)
    print(f"total  {total:.1f} s for {len(paths)} notebooks")
    if failures:
        print(f"{len(failures)} notebook(s) failed on the old stack: {', '.join(failures)}")
        return 1
    print("every cell of every notebook ran on the old stack")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/"
    )
    parser.add_argument(
        "--env", type=Path, default=ROOT / ".venv-compat", help="the environment's folder"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse --env if it exists: only the helpers are reinstalled",
    )
    parser.add_argument(
        "--python", help="interpreter for a new environment (default: the oldest supported)"
    )
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    parser.add_argument(
        "--save", type=Path, help="also write the executed notebooks to this folder"
    )
    # Internal: the second half, run by the environment's own interpreter.
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    paths = [path.resolve() for path in options.notebooks] or sorted(
        (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
    )
    if options.inside:
        return run_notebooks_here(paths, options.timeout, options.save)

    env = options.env.resolve()
    try:
        if options.reuse and (env / "bin" / "python").exists():
            print(f"reusing {env}")
        else:
            python = options.python or find_python(oldest_supported_python())
            start = time.perf_counter()
            build_environment(env, python)
            print(f"install {time.perf_counter() - start:.1f} s")
        install_helpers(env)
    except subprocess.CalledProcessError as error:
        print(f"FAILED to build the environment: {error}", file=sys.stderr)
        return 1
    print(versions(env), flush=True)
    command = [str(env / "bin" / "python"), str(Path(__file__).resolve()), "--inside"]
    command += ["--timeout", str(options.timeout), *map(str, paths)]
    if options.save:
        command += ["--save", str(options.save.resolve())]
    environment = dict(os.environ)
    if environment.get("MNIST_NPZ"):  # the kernels run in another folder
        environment["MNIST_NPZ"] = str(Path(environment["MNIST_NPZ"]).resolve())
    # Older ipykernels print a debugger warning about frozen modules at every kernel start.
    environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return subprocess.run(command, env=environment).returncode


if __name__ == "__main__":
    raise SystemExit(main())
