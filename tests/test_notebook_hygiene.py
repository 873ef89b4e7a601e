"""Every committed notebook is one a learner can trust: run top to bottom, clean, portable."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from conftest import NOTEBOOKS

# Paths that only exist on an author's machine; a learner's copy must not show them.
AUTHOR_PATH = re.compile(r"(/work/|/tmp/|/home/|/root/|/Users/|[A-Z]:\\\\Users\\\\)")
NBVAL_COMMENT = re.compile(r"#\s*NBVAL_", re.IGNORECASE)
TF_IMPORT = re.compile(r"^\s*(import|from)\s+(tensorflow|keras)\b", re.MULTILINE)


def _code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _output_texts(cell) -> list[str]:
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append(output["text"])
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/") or mime.endswith("json"):
                texts.append(value if isinstance(value, str) else str(value))
        texts.extend(output.get("traceback", []))
    return texts


@pytest.fixture(params=NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def notebook(request) -> nbformat.NotebookNode:
    path: Path = request.param
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    return notebook


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "notebooks/ holds no NN_name.ipynb lesson"


def test_file_names_are_numbered() -> None:
    for path in (NOTEBOOKS[0].parent).glob("*.ipynb"):
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), f"{path.name}: use NN_short_name.ipynb"


def test_kernel_is_python3(notebook) -> None:
    assert notebook.metadata.kernelspec.name == "python3"


def test_execution_counts_are_one_to_n(notebook) -> None:
    counts = [cell.execution_count for cell in _code_cells(notebook)]
    assert counts == list(range(1, len(counts) + 1)), (
        "re-run the notebook top to bottom in a fresh kernel (tools/execute_notebooks.py) and save it"
    )


def test_no_saved_errors_outside_raises_exception_cells(notebook) -> None:
    for index, cell in enumerate(_code_cells(notebook), start=1):
        if "raises-exception" in _tags(cell):
            continue
        errors = [output for output in cell.outputs if output.output_type == "error"]
        assert not errors, f"code cell {index} has a saved error: {errors[0].ename}: {errors[0].evalue}"


def test_nbval_markers_are_tags_not_comments(notebook) -> None:
    for index, cell in enumerate(_code_cells(notebook), start=1):
        assert not NBVAL_COMMENT.search(cell.source), (
            f"code cell {index}: use a cell tag (nbval-ignore-output, nbval-skip, …), not a comment"
        )


def test_no_author_paths_in_outputs(notebook) -> None:
    for index, cell in enumerate(_code_cells(notebook), start=1):
        for text in _output_texts(cell):
            match = AUTHOR_PATH.search(text)
            assert not match, f"code cell {index} shows an absolute path: …{text[max(0, match.start() - 40):match.end() + 40]}…"


def test_tensorflow_logging_is_silenced_before_import(notebook) -> None:
    cells = _code_cells(notebook)
    if not any(TF_IMPORT.search(cell.source) for cell in cells):
        return
    setup = cells[0].source
    first_import = TF_IMPORT.search(setup)
    before_import = setup[: first_import.start()] if first_import else setup
    for variable in ("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS"):
        assert variable in before_import, (
            f"set {variable} in the first code cell, before anything imports TensorFlow"
        )


def test_solution_regions_are_balanced(notebook) -> None:
    for index, cell in enumerate(_code_cells(notebook), start=1):
        begins = cell.source.count("### BEGIN SOLUTION")
        ends = cell.source.count("### END SOLUTION")
        assert begins == ends, f"code cell {index}: {begins} BEGIN SOLUTION but {ends} END SOLUTION"
