"""Time every lesson, measure its memory, and compare the NumPy network with Keras.

Usage (from the repository root, MNIST available):

    python tools/benchmark.py                  # print the table
    python tools/benchmark.py --update-readme  # also put it into README.md
    python tools/benchmark.py --grading-only   # only grade a class of 30
    python tools/benchmark.py --suite-only     # only time the test suite

Each notebook runs top to bottom in a fresh kernel, exactly as a learner
would run it.  Reported per notebook: wall time, peak memory (maximum resident
set size of the kernel process, and of any process it started), and the
accuracy figures the lesson computed (every global number whose name ends in
``accuracy``).  Then the NumPy MLP of lesson 06 and the Keras model of lesson 07
train one epoch each on the same data with the same architecture and batch
size, and the ratio of their times is reported.

Then a generated class of 30 lesson-06 submissions is graded with tools/grade.py,
and the test suite runs once (``pytest``, as the README's test command runs it).

Targets on a 2-core CPU: the whole course under 5 minutes, every notebook at most
800 MiB (1 MiB = 1024 × 1024 bytes), the NumPy network no slower than Keras,
grading 30 submissions in 8 minutes, the test suite in 6 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
# No browser here: slider cells draw plain figures, and nbclient cannot hang on widgets.
os.environ["COURSE_STATIC_PLOTS"] = "1"
README = ROOT / "README.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"

COURSE_SECONDS, NOTEBOOK_MIB = 5 * 60, 800

# Run in the lesson's own kernel after its last cell: what it measured about itself.
REPORT_CELL = """
import json as _json, numbers as _numbers, resource as _resource
_figures = {
    _name: round(float(_value), 4)
    for _name, _value in dict(globals()).items()
    if _name.endswith("accuracy") and not _name.startswith("_")
    and isinstance(_value, _numbers.Real) and not isinstance(_value, bool)
}
print(_json.dumps({
    "peak_kb": _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss,
    "children_peak_kb": _resource.getrusage(_resource.RUSAGE_CHILDREN).ru_maxrss,
    "figures": _figures,
}))
"""

# One epoch of lesson 06's NumPy training (its own init_params, Adam and train_one_epoch) vs
# one epoch of Keras fit: same 60,000 float32 images lesson 06 prepared, same batch size.
SPEED_CELL = """
import json as _json, time as _time
import keras as _keras
_keras.utils.set_random_seed(0)
_model = _keras.Sequential([
    _keras.Input((784,)),
    _keras.layers.Dense(128, activation="relu"),
    _keras.layers.Dense(10, activation="softmax"),
])
_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
_model.fit(x_all[:320], y_train_all[:320], batch_size=32, epochs=1, verbose=0)  # trace first
_start = _time.perf_counter()
_model.fit(x_all, y_train_all, batch_size=32, epochs=1, verbose=0)
_keras_seconds = _time.perf_counter() - _start
_params = init_params(np.random.default_rng(0))
_start = _time.perf_counter()
train_one_epoch(_params, adam_init(_params), x_all, y_train_all, np.random.default_rng(0))
_numpy_seconds = _time.perf_counter() - _start
print(_json.dumps({"numpy_seconds": _numpy_seconds, "keras_seconds": _keras_seconds}))
"""


@dataclass
class Result:
    name: str
    seconds: float
    peak_mib: float
    figures: dict[str, float] = field(default_factory=dict)


def _last_json(cell: nbformat.NotebookNode) -> dict:
    text = "".join(output.get("text", "") for output in cell.outputs)
    return json.loads(text.strip().splitlines()[-1])


def run_notebook(path: Path, extra_cells: list[str]) -> tuple[float, list[dict]]:
    """Execute ``path`` in a fresh kernel, then ``extra_cells``; return seconds and their JSON."""
    notebook = nbformat.read(path, as_version=4)
    lesson_cells = len(notebook.cells)
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in extra_cells]
    client = NotebookClient(
        notebook,
        timeout=1800,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with client.setup_kernel():
        start = time.perf_counter()
        for index, cell in enumerate(notebook.cells[:lesson_cells]):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        for index in range(lesson_cells, len(notebook.cells)):
            client.execute_cell(notebook.cells[index], index)
    return seconds, [_last_json(cell) for cell in notebook.cells[lesson_cells:]]


def describe_machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"MemTotal:\s*(\d+) kB", meminfo.read_text())
        memory = f", {int(match.group(1)) / 1024**2:.0f} GB RAM" if match else ""
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def table(results: list[Result], speed: dict[str, float] | None) -> str:
    lines = [
        "| notebook | wall time | peak memory | accuracy figures |",
        "|---|---:|---:|---|",
    ]
    for result in results:
        figures = ", ".join(f"{name} {value:.2%}" for name, value in sorted(result.figures.items()))
        lines.append(
            f"| {result.name} | {result.seconds:.1f} s | {result.peak_mib:.0f} MiB "
            f"| {figures or '–'} |"
        )
    total = sum(result.seconds for result in results)
    worst = max(results, key=lambda result: result.peak_mib)
    lines += [
        f"| **whole course** | **{total:.0f} s** | max {worst.peak_mib:.0f} MiB ({worst.name}) | |",
        "",
        f"Targets: whole course under {COURSE_SECONDS // 60} minutes: "
        f"**{'met' if total < COURSE_SECONDS else f'missed by {total - COURSE_SECONDS:.0f} s'}**; "
        f"every notebook at most {NOTEBOOK_MIB} MiB: "
        f"**{'met' if worst.peak_mib <= NOTEBOOK_MIB else 'missed'}**.",
    ]
    if speed:
        ratio = speed["numpy_seconds"] / speed["keras_seconds"]
        verdict = "no slower than Keras" if ratio <= 1 else f"{ratio:.2f}× slower than Keras"
        lines += [
            "",
            "One training epoch of the same 784 → 128 → 10 network, 60,000 images, batch size 32, "
            f"Adam: NumPy (lesson 06) {speed['numpy_seconds']:.1f} s, "
            f"Keras {speed['keras_seconds']:.1f} s; "
            f"ratio {ratio:.2f}: the NumPy network is **{verdict}**.",
        ]
    lines += ["", f"Measured on: {describe_machine()}; {time.strftime('%Y-%m-%d')}."]
    return "\n".join(lines)


GRADING_CLASS, GRADING_SECONDS = 30, 8 * 60


def grading_benchmark(students: int = GRADING_CLASS) -> str:
    """Grade a generated class of lesson-06 submissions (half solved, half untouched)."""
    teacher = ROOT / "notebooks" / "06_mlp_from_scratch.ipynb"
    student = ROOT / "student" / teacher.name
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as folder:
        submissions = Path(folder) / "submitted"
        for number in range(students):
            target = submissions / f"student{number:02d}" / teacher.name
            target.parent.mkdir(parents=True)
            target.write_bytes((teacher if number % 2 == 0 else student).read_bytes())
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "grade.py"), str(submissions),
             "--output", str(Path(folder) / "graded")],
            check=True, stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - start
    met = "met" if seconds <= GRADING_SECONDS else f"missed by {seconds - GRADING_SECONDS:.0f} s"
    return (
        f"Grading a class of {students} lesson-06 submissions with `tools/grade.py` (two at a "
        f"time): {seconds / 60:.1f} min; target {GRADING_SECONDS // 60} min: **{met}**."
    )


SUITE_SECONDS = 6 * 60


def suite_benchmark() -> str:
    """Run the test suite once, as the README's test command does, and time it."""
    # Without this script's static-plot setting: the suite compares the lessons' committed
    # slider widgets, which that setting replaces by plain figures.
    environment = {key: value for key, value in os.environ.items() if key != "COURSE_STATIC_PLOTS"}
    start = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q"], cwd=ROOT, env=environment,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    if finished.returncode != 0:
        return f"The test suite failed (exit {finished.returncode}) after {seconds / 60:.1f} min."
    met = "met" if seconds <= SUITE_SECONDS else f"missed by {seconds - SUITE_SECONDS:.0f} s"
    return (
        f"The test suite (`pytest`, two workers): {seconds / 60:.1f} min; "
        f"target {SUITE_SECONDS // 60} min: **{met}**."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument("--skip-speed", action="store_true", help="skip the NumPy-vs-Keras epoch")
    parser.add_argument("--skip-grading", action="store_true", help="skip grading a class")
    parser.add_argument("--grading-only", action="store_true", help="only grade a class")
    parser.add_argument("--skip-suite", action="store_true", help="skip timing the test suite")
    parser.add_argument("--suite-only", action="store_true", help="only time the test suite")
    options = parser.parse_args()
    if options.grading_only:
        print(grading_benchmark())
        return 0
    if options.suite_only:
        print(suite_benchmark())
        return 0

    results, speed = [], None
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        # The speed test runs in lesson 06's kernel after its report, so it reuses the lesson's
        # own code and data without distorting the lesson's time or memory.
        measure_speed = path.name.startswith("06_") and not options.skip_speed
        seconds, reports = run_notebook(path, [REPORT_CELL] + [SPEED_CELL] * measure_speed)
        peak_kb = max(reports[0]["peak_kb"], reports[0]["children_peak_kb"])
        results.append(Result(path.name, seconds, peak_kb / 1024, reports[0]["figures"]))
        speed = reports[1] if measure_speed else speed
        print(f"{path.name}: {seconds:.1f} s, {peak_kb / 1024:.0f} MiB", file=sys.stderr)

    text = table(results, speed)
    if not options.skip_grading:
        text += "\n\n" + grading_benchmark()
    if not options.skip_suite:
        text += "\n\n" + suite_benchmark()
    print(text)
    if options.update_readme:
        readme = README.read_text()
        if START not in readme or END not in readme:
            print(f"README.md has no {START} … {END} section; not updated.", file=sys.stderr)
            return 1
        before, rest = readme.split(START, 1)
        _, after = rest.split(END, 1)
        README.write_text(f"{before}{START}\n{text}\n{END}{after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
