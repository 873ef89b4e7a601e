"""Grade a class's notebooks with the course's own exercise checks, and write a class report.

Usage (from the repository root):

    python tools/grade.py SUBMISSIONS --output OUT [--jobs 2] [--timeout 900]

SUBMISSIONS holds one folder per student with that student's lesson notebooks, the layout
nbgrader uses for submitted work: ``SUBMISSIONS/<student>/<NN_lesson>.ipynb``. A renamed
notebook is accepted as long as its name starts with the lesson number; the grader says
which file it took. It writes:

- ``OUT/grades.csv``: one row per student and exercise (status passed, failed, not
  attempted, error or missing; points; the hint the learner would have seen);
- ``OUT/feedback/<student>/<NN_lesson>.html``: what each check says to that learner;
- ``OUT/summary.md``: per exercise, how many passed and which mistakes were most frequent.

Each notebook runs top to bottom in its own fresh kernel, in its own process and in a
temporary copy, with a time limit; then every exercise is graded by calling its registered
check (helpers.checks.registry) on the learner's functions, found by name in that kernel.
So a deleted, moved or duplicated check cell changes nothing. Nothing under SUBMISSIONS is
modified. Student code runs with your rights: grade only work you are willing to run.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from helpers.checks.registry import EXERCISES, Exercise, check_calls
from helpers.plotting import STATIC_PLOTS_VARIABLE

ROOT = Path(__file__).resolve().parent.parent

COLUMNS = ["student", "lesson", "exercise", "title", "status", "points", "max_points", "hint",
           "detail"]
STATUS_OF_VERDICT = {"pass": "passed", "fail": "failed", "todo": "not attempted"}
RESULT_MARKER = "@@course-grade@@"
LESSON_TITLE = re.compile(r"^#\s+(\d\d)\s*·", re.MULTILINE)
# What sets the number of threads a kernel's NumPy (BLAS) and TensorFlow start.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")


@dataclass
class Outcome:
    """The grade of one exercise in one submission."""

    exercise: int
    status: str
    line: str = ""
    hint: str = ""
    detail: str = ""


# --- which file, and which call, for each exercise -----------------------------------------


def lessons_in_registry() -> list[int]:
    return sorted({exercise.lesson for exercise in EXERCISES})


def exercises_of(lesson: int) -> list[Exercise]:
    return [exercise for exercise in EXERCISES if exercise.lesson == lesson]


def teacher_notebook(lesson: int) -> Path:
    """The lesson's teacher notebook: the source of its check calls and its file name."""
    [teacher] = (ROOT / "notebooks").glob(f"{lesson:02d}_*.ipynb")
    return teacher


def check_arguments(lesson: int) -> dict[str, str]:
    """For each check of ``lesson``, the argument text of its call in the teacher notebook."""
    import nbformat

    teacher = teacher_notebook(lesson)
    found: dict[str, str] = {}
    for cell in nbformat.read(teacher, as_version=4).cells:
        if cell.cell_type == "code":
            for check, arguments in check_calls(cell.source).items():
                found.setdefault(check, arguments)
    missing = [e.check for e in exercises_of(lesson) if e.check not in found]
    if missing:
        raise SystemExit(f"{teacher.name} has no check cell for {', '.join(missing)}")
    return found


def find_submission(folder: Path, lesson: int) -> tuple[Path | None, str]:
    """The student's notebook for ``lesson``, and a note saying which file was taken."""
    prefix = re.compile(rf"^{lesson:02d}(?!\d)")
    candidates = sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix == ".ipynb" and prefix.match(path.name)
    )
    if not candidates:
        return None, f"no notebook starting with {lesson:02d} in {folder.name}/"
    exact = [path for path in candidates if path.name == teacher_notebook(lesson).name]
    if exact:
        return exact[0], ""
    newest = max(candidates, key=lambda path: path.stat().st_mtime)
    others = f" (newest of {len(candidates)})" if len(candidates) > 1 else ""
    return newest, f"took {newest.name}{others}"


# --- grading one notebook (runs in its own process) ----------------------------------------


def grading_cell(lesson: int, arguments: dict[str, str]) -> str:
    """Code run in the learner's kernel after their notebook: each check on their functions."""
    calls = [(e.number, e.module, e.check, arguments[e.check]) for e in exercises_of(lesson)]
    return f"""
import importlib as _grade_importlib, json as _grade_json
from helpers.checks.engine import session as _grade_session
_grade_results = []
for _grade_number, _grade_module, _grade_check, _grade_arguments in {calls!r}:
    try:
        _grade_verdict_of = getattr(_grade_importlib.import_module(_grade_module), _grade_check)
        _grade_answer = eval("(" + _grade_arguments + ",)")
        with _grade_session():
            _grade_verdict = _grade_verdict_of(*_grade_answer)
        _grade_results.append(dict(exercise=_grade_number, status=_grade_verdict.status,
            line=_grade_verdict.line(), hint=_grade_verdict.hint or "",
            detail=_grade_verdict.message))
    except NameError as _grade_error:
        _grade_results.append(dict(exercise=_grade_number, status="error", line="",
            hint="", detail=f"{{_grade_error}}: the cell that defines it was deleted or failed"))
    except BaseException as _grade_error:
        _grade_results.append(dict(exercise=_grade_number, status="error", line="", hint="",
            detail=f"the check could not run: {{type(_grade_error).__name__}}: {{_grade_error}}"))
print({RESULT_MARKER!r} + _grade_json.dumps(_grade_results))
"""


def grade_one(notebook_path: Path, lesson: int, cell_timeout: int) -> list[Outcome]:
    """Run a copy of ``notebook_path`` in a fresh kernel and grade its exercises."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    exercises = exercises_of(lesson)

    def everything(status: str, detail: str) -> list[Outcome]:
        return [Outcome(e.number, status, detail=detail) for e in exercises]

    try:
        notebook = nbformat.read(notebook_path, as_version=4)
    except Exception as error:  # empty file, not JSON, not a notebook
        return everything("error", f"not a readable notebook ({type(error).__name__}: {error})")
    titles = [m.group(1) for c in notebook.cells if c.cell_type == "markdown"
              for m in LESSON_TITLE.finditer(c.source)]
    if titles and int(titles[0]) != lesson:
        return everything("error", f"this is lesson {titles[0]}'s notebook, not {lesson:02d}'s")

    notebook.cells.append(nbformat.v4.new_code_cell(grading_cell(lesson, check_arguments(lesson))))
    with tempfile.TemporaryDirectory(prefix="grade-") as folder:
        client = NotebookClient(
            notebook, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
            resources={"metadata": {"path": folder}},
        )
        # Only the grading cell's output is needed: drop the others as they come (a notebook
        # may print megabytes).
        client.on_cell_executed = lambda cell, **_: None if cell is notebook.cells[-1] else (
            cell.__setitem__("outputs", [])
        )
        env = {**os.environ, "MPLBACKEND": "Agg", STATIC_PLOTS_VARIABLE: "1"}
        try:
            client.execute(env=env)
        except CellTimeoutError:
            return everything("error", f"a cell was still running after {cell_timeout} s "
                                       "(an endless loop?)")
        except DeadKernelError as error:
            return everything("error", f"the notebook stopped its Python kernel ({error})")
        except Exception as error:
            return everything("error", f"the notebook could not run ({type(error).__name__}: "
                                       f"{str(error).strip()[:200]})")
    for output in notebook.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if RESULT_MARKER in text:
            results = json.loads(text.split(RESULT_MARKER, 1)[1].strip().splitlines()[0])
            return [
                Outcome(r["exercise"], STATUS_OF_VERDICT.get(r["status"], r["status"]),
                        r["line"], r["hint"], r["detail"])
                for r in results
            ]
    return everything("error", "the notebook ran, but the grading step printed nothing "
                               "(did a cell stop the kernel or time out?)")


# --- many notebooks, each in its own process -----------------------------------------------


@dataclass
class Job:
    student: str
    lesson: int
    notebook: Path
    note: str


def run_jobs(jobs: list[Job], workers: int, timeout: int) -> dict[tuple[str, int], list[Outcome]]:
    """Grade each job in its own process group, ``workers`` at a time, each within ``timeout``."""
    from tqdm import tqdm

    results: dict[tuple[str, int], list[Outcome]] = {}
    waiting = list(jobs)
    # Notebooks graded side by side share the cores: give each kernel its share of threads
    # (NumPy's and TensorFlow's), instead of letting them fight over all of them.
    threads = str(max(1, (os.cpu_count() or 1) // workers))
    env = dict(os.environ)
    for variable in THREAD_VARIABLES:
        env.setdefault(variable, threads)
    running: dict[subprocess.Popen[str], tuple[Job, float, Path]] = {}
    with tempfile.TemporaryDirectory(prefix="grades-") as scratch, tqdm(
        total=len(jobs), desc="grading", unit="notebook"
    ) as progress:
        try:
            _run_all(waiting, running, results, workers, timeout, env, Path(scratch), progress)
        finally:  # stopped early (Ctrl-C): end the notebooks still running, kernels included
            for process in running:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
    return results


def _run_all(
    waiting: list[Job], running: dict[subprocess.Popen[str], tuple[Job, float, Path]],
    results: dict[tuple[str, int], list[Outcome]], workers: int, timeout: int,
    env: dict[str, str], scratch: Path, progress: Any,
) -> None:
    """The scheduling loop of :func:`run_jobs`: start, watch and collect the processes."""
    while waiting or running:
        while waiting and len(running) < workers:
            job = waiting.pop(0)
            out = scratch / f"{len(waiting)}-{job.student}-{job.lesson}.json"
            command = [sys.executable, __file__, "--one", str(job.notebook),
                       "--lesson", str(job.lesson), "--timeout", str(timeout),
                       "--result", str(out)]
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
            running[process] = (job, time.monotonic(), out)
        time.sleep(0.2)
        for process, (job, started, out) in list(running.items()):
            late = time.monotonic() - started > timeout + 60
            if process.poll() is None and not late:
                continue
            if late:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            outcomes = [Outcome(**o) for o in json.loads(out.read_text())] if out.exists() \
                else [Outcome(e.number, "error", detail=(
                    f"took longer than the time limit ({timeout} s)" if late
                    else "the grader's process for this notebook crashed"))
                    for e in exercises_of(job.lesson)]
            results[(job.student, job.lesson)] = outcomes
            del running[process]
            progress.set_postfix_str(f"{job.student} {job.lesson:02d}")
            progress.update()


# --- reports -------------------------------------------------------------------------------


def write_reports(rows: list[dict[str, object]], output: Path) -> None:
    with (output / "grades.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)

    by_submission: dict[tuple[str, int], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_submission[(str(row["student"]), int(row["lesson"]))].append(row)
    for (student, lesson), lesson_rows in by_submission.items():
        folder = output / "feedback" / student
        folder.mkdir(parents=True, exist_ok=True)
        teacher = teacher_notebook(lesson)
        items = "\n".join(
            f"<tr><td>{r['exercise']}</td><td>{html.escape(str(r['title']))}</td>"
            f"<td>{r['status']}</td><td>{r['points']} / {r['max_points']}</td>"
            f"<td>{html.escape(str(r['line'] or r['detail']))}</td></tr>"
            for r in lesson_rows
        )
        score = sum(int(r["points"]) for r in lesson_rows)
        total = sum(int(r["max_points"]) for r in lesson_rows)
        (folder / f"{teacher.stem}.html").write_text(
            f"<!doctype html><meta charset='utf-8'><title>{html.escape(student)} · "
            f"{teacher.stem}</title><h1>{html.escape(student)} · {teacher.stem}</h1>"
            f"<p>Score: {score} / {total}</p><table border='1' cellpadding='4'>"
            "<tr><th>#</th><th>Exercise</th><th>Status</th><th>Points</th>"
            f"<th>What the check says</th></tr>\n{items}</table>\n",
            encoding="utf-8",
        )

    lines = ["# Class summary", "", "Per exercise: how many submissions passed, and the hints "
             "the checks gave most often (what to re-teach).", ""]
    for exercise in EXERCISES:
        these = [r for r in rows if r["lesson"] == exercise.lesson
                 and r["exercise"] == exercise.number and r["status"] != "missing"]
        if not these:
            continue
        counts = Counter(str(r["status"]) for r in these)
        lines.append(f"## {exercise.lesson:02d} · Exercise {exercise.number} · {exercise.title}")
        lines.append("")
        lines.append(f"- passed: {counts['passed']} of {len(these)}; failed: {counts['failed']}; "
                     f"not attempted: {counts['not attempted']}; error: {counts['error']}")
        hints = Counter(str(r["hint"]) for r in these if r["status"] == "failed" and r["hint"])
        for hint, count in hints.most_common(3):
            lines.append(f"- {count} × hint: {hint}")
        lines.append("")
    (output / "summary.md").write_text("\n".join(lines), encoding="utf-8")


def grade_class(submissions: Path, output: Path, workers: int, timeout: int) -> list[dict]:
    """Grade every student folder under ``submissions``; write the reports into ``output``."""
    students = sorted(path for path in submissions.iterdir()
                      if path.is_dir() and not path.name.startswith("."))
    if not students:
        raise SystemExit(f"{submissions} has no student folders (SUBMISSIONS/<student>/…).")
    submitted = {lesson for lesson in lessons_in_registry()
                 if any(find_submission(student, lesson)[0] for student in students)}
    jobs, notes = [], {}
    for student in students:
        for lesson in sorted(submitted):
            notebook, note = find_submission(student, lesson)
            notes[(student.name, lesson)] = note
            if notebook is not None:
                if note:
                    print(f"{student.name}: {note}")
                jobs.append(Job(student.name, lesson, notebook, note))
    results = run_jobs(jobs, workers, timeout)

    rows = []
    for student in students:
        for lesson in sorted(submitted):
            outcomes = {o.exercise: o for o in results.get((student.name, lesson), [])}
            note = notes[(student.name, lesson)]
            for exercise in exercises_of(lesson):
                outcome = outcomes.get(exercise.number) or Outcome(exercise.number, "missing")
                passed, failed = outcome.status == "passed", outcome.status == "failed"
                rows.append({
                    "student": student.name, "lesson": lesson, "exercise": exercise.number,
                    "title": exercise.title, "status": outcome.status,
                    "points": exercise.points if passed else 0, "max_points": exercise.points,
                    "hint": outcome.hint if failed else "",
                    "detail": "; ".join(x for x in (note, outcome.detail) if x),
                    "line": outcome.line,
                })
    output.mkdir(parents=True, exist_ok=True)
    write_reports(rows, output)
    for row in rows:
        del row["line"]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, nargs="?", help="SUBMISSIONS/<student>/*.ipynb")
    parser.add_argument("--output", type=Path, help="folder for grades.csv, feedback/, summary.md")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks graded at the same time (default: one per core)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per notebook")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--lesson", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:  # the worker process for one notebook
        outcomes = grade_one(options.one, options.lesson, options.timeout)
        options.result.write_text(json.dumps([asdict(o) for o in outcomes]))
        return 0
    if options.submissions is None or options.output is None:
        parser.error("give SUBMISSIONS and --output OUT")
    submissions, output = options.submissions.resolve(), options.output.resolve()
    if output == submissions or submissions in output.parents:
        parser.error("--output must be outside SUBMISSIONS (the grader never writes there)")
    if not submissions.is_dir():
        parser.error(f"{submissions} is not a folder")
    rows = grade_class(submissions, output, max(1, options.jobs), options.timeout)
    passed = sum(row["status"] == "passed" for row in rows)
    print(f"Graded {len(rows)} exercise rows ({passed} passed). Wrote {output / 'grades.csv'}, "
          f"{output / 'summary.md'} and {output / 'feedback'}/.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
