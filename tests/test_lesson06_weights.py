"""Tests of helpers.data.load_lesson06_weights, the bridge from lesson 06 to lesson 07.

The "file is missing" path runs a tiny fake lesson 06 (one cell that writes a
valid file) in a real kernel; the real lesson 06 is never run here.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.data import load_lesson06_weights

SHAPES = {"W1": (784, 128), "b1": (128,), "W2": (128, 10), "b2": (10,)}


def valid_weights() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {key: rng.normal(size=shape).astype(np.float32) for key, shape in SHAPES.items()}


def write_fake_lesson06(folder: Path, source: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    path = folder / "fake_06.ipynb"
    nbformat.write(notebook, path)
    return path


WRITES_VALID_FILE = """
from pathlib import Path
import numpy as np
Path("saved").mkdir(exist_ok=True)
shapes = {"W1": (784, 128), "b1": (128,), "W2": (128, 10), "b2": (10,)}
np.savez("saved/w.npz", **{k: np.full(s, 0.5, dtype=np.float32) for k, s in shapes.items()})
"""


def test_reads_an_existing_file_without_running_anything(tmp_path, capsys):
    weights = valid_weights()
    np.savez(tmp_path / "w.npz", **weights)
    loaded = load_lesson06_weights(tmp_path / "w.npz", tmp_path / "no_such_notebook.ipynb")
    assert sorted(loaded) == ["W1", "W2", "b1", "b2"]
    for key, array in weights.items():
        np.testing.assert_array_equal(loaded[key], array)
    assert capsys.readouterr().out == ""


def test_missing_file_runs_lesson06_in_its_own_folder_and_says_so(tmp_path, capsys):
    notebook = write_fake_lesson06(tmp_path, WRITES_VALID_FILE)
    before = notebook.read_text()
    loaded = load_lesson06_weights(tmp_path / "saved" / "w.npz", notebook, timeout=120)
    assert loaded["W1"].shape == (784, 128)
    assert np.all(loaded["b2"] == 0.5)
    out = capsys.readouterr().out
    assert "does not exist yet" in out
    assert "lesson 06 (fake_06.ipynb) is running now" in out
    assert "finished and saved" in out
    assert notebook.read_text() == before, "the lesson 06 notebook must not be rewritten"


def test_missing_file_and_missing_notebook(tmp_path):
    with pytest.raises(FileNotFoundError, match="Run notebook 06 to the end"):
        load_lesson06_weights(tmp_path / "w.npz", tmp_path / "06.ipynb")


def test_lesson06_that_fails(tmp_path):
    notebook = write_fake_lesson06(tmp_path, "raise ValueError('boom')")
    with pytest.raises(RuntimeError, match="stopped with an error"):
        load_lesson06_weights(tmp_path / "w.npz", notebook, timeout=120)


def test_lesson06_that_writes_nothing(tmp_path):
    notebook = write_fake_lesson06(tmp_path, "x = 1")
    with pytest.raises(RuntimeError, match="did not write"):
        load_lesson06_weights(tmp_path / "w.npz", notebook, timeout=120)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda w: w.pop("b2"), r"lacks the arrays \['b2'\]"),
        (lambda w: w.update(W1=w["W1"].T.copy()), r"W1 has shape \(128, 784\)"),
        (lambda w: w.update(W2=w["W2"].astype(np.float64)), "dtype float64"),
        (lambda w: w["b1"].__setitem__(3, np.nan), "NaN or infinite"),
    ],
)
def test_bad_files_get_clear_errors_and_are_kept(tmp_path, change, message):
    weights = valid_weights()
    change(weights)
    path = tmp_path / "w.npz"
    np.savez(path, **weights)
    size = path.stat().st_size
    with pytest.raises(ValueError, match=message):
        load_lesson06_weights(path, tmp_path / "06.ipynb")
    assert path.stat().st_size == size


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04 truncated"])
def test_unreadable_files_get_clear_errors_and_are_kept(tmp_path, content):
    path = tmp_path / "w.npz"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="not a readable NumPy .npz archive"):
        load_lesson06_weights(path, tmp_path / "06.ipynb")
    assert path.read_bytes() == content


def test_a_truncated_real_archive(tmp_path):
    path = tmp_path / "w.npz"
    np.savez(path, **valid_weights())
    path.write_bytes(path.read_bytes()[:-200])  # lose the archive's table of contents
    with pytest.raises(ValueError, match="not a readable NumPy .npz archive"):
        load_lesson06_weights(path, tmp_path / "06.ipynb")
