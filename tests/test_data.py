"""helpers.data.load_mnist: lookup order, hash verification, friendly errors, files left untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from helpers import data
from helpers.data import MnistFileError, MnistUnavailableError, load_mnist


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def tiny_mnist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small archive with MNIST's layout, and the loader told its shapes and hashes."""
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (6, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, 6, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (2, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, 2, dtype=np.uint8),
    }
    monkeypatch.setattr(
        data, "MNIST_SHA256", {k: hashlib.sha256(v.tobytes()).hexdigest() for k, v in arrays.items()}
    )
    monkeypatch.setattr(data, "_EXPECTED_SHAPES", {k: v.shape for k, v in arrays.items()})
    path = tmp_path / "mnist.npz"
    np.savez(path, **arrays)
    return path


def test_argument_path_is_loaded_and_verified(tiny_mnist: Path) -> None:
    (x_train, y_train), (x_test, y_test) = load_mnist(tiny_mnist)
    assert x_train.shape == (6, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (6,) and x_test.shape == (2, 28, 28) and y_test.shape == (2,)


def test_environment_variable_is_used_when_no_argument(
    tiny_mnist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MNIST_NPZ", str(tiny_mnist))
    (x_train, _), _ = load_mnist()
    assert x_train.shape == (6, 28, 28)


def test_argument_wins_over_environment_variable(
    tiny_mnist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MNIST_NPZ", str(tmp_path / "does-not-exist.npz"))
    (x_train, _), _ = load_mnist(tiny_mnist)
    assert x_train.shape == (6, 28, 28)


def test_real_file_matches_published_hashes(real_mnist_path: Path) -> None:
    (x_train, y_train), (x_test, y_test) = load_mnist(real_mnist_path)
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert (y_train[0], y_test[0]) == (5, 7)  # as the data README says
    assert x_test.shape == (10000, 28, 28)


def test_missing_file_says_where_and_how(tmp_path: Path) -> None:
    missing = tmp_path / "nope.npz"
    with pytest.raises(MnistFileError, match="not found") as error:
        load_mnist(missing)
    assert str(missing) in str(error.value)
    assert "MNIST_NPZ" in str(error.value)


def test_missing_file_from_environment_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MNIST_NPZ", str(tmp_path / "nope.npz"))
    with pytest.raises(MnistFileError, match="environment variable MNIST_NPZ"):
        load_mnist()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"this is not a zip file at all\n" * 10, id="not-npz"),
        pytest.param(lambda b: b"", id="empty"),
    ],
)
def test_damaged_file_gives_clear_error_and_is_left_untouched(
    tiny_mnist: Path, damage, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny_mnist.write_bytes(damage(tiny_mnist.read_bytes()))
    before = _fingerprint(tiny_mnist)
    monkeypatch.setenv("MNIST_NPZ", str(tiny_mnist))
    with pytest.raises(MnistFileError) as error:
        load_mnist()
    message = str(error.value)
    assert str(tiny_mnist) in message
    assert "left untouched" in message and "download" in message.lower()
    assert _fingerprint(tiny_mnist) == before
    assert tiny_mnist.exists()


def test_modified_pixels_fail_the_hash_check_and_file_is_kept(tiny_mnist: Path) -> None:
    with np.load(tiny_mnist) as archive:
        arrays = {key: archive[key].copy() for key in archive.files}
    arrays["x_test"][0, 0, 0] ^= 1
    np.savez(tiny_mnist, **arrays)
    before = _fingerprint(tiny_mnist)
    with pytest.raises(MnistFileError, match="'x_test'.*SHA-256"):
        load_mnist(tiny_mnist)
    assert _fingerprint(tiny_mnist) == before


def test_wrong_dtype_is_reported(tiny_mnist: Path) -> None:
    with np.load(tiny_mnist) as archive:
        arrays = {key: archive[key].astype(np.float64) for key in archive.files}
    np.savez(tiny_mnist, **arrays)
    with pytest.raises(MnistFileError, match="dtype float64.*uint8"):
        load_mnist(tiny_mnist)


def test_archive_without_mnist_arrays_is_named(tmp_path: Path) -> None:
    path = tmp_path / "other.npz"
    np.savez(path, weights=np.zeros(3))
    with pytest.raises(MnistFileError, match=r"lacks the arrays.*holds \['weights'\]"):
        load_mnist(path)


def test_pickled_object_array_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pickled.npz"
    objects = np.array([{"evil": True}], dtype=object)
    np.savez(path, x_train=objects, y_train=objects, x_test=objects, y_test=objects)
    with pytest.raises(MnistFileError, match="could not be read"):
        load_mnist(path)


OFFLINE_SCRIPT = textwrap.dedent(
    """
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network blocked by the test")

    socket.getaddrinfo = no_network
    socket.create_connection = no_network
    socket.socket.connect = no_network

    from helpers.data import MnistUnavailableError, load_mnist
    try:
        load_mnist()
    except MnistUnavailableError as error:
        print(error)
    else:
        raise SystemExit("load_mnist() succeeded with the network blocked")
    """
)


def test_offline_with_no_file_explains_how_to_get_mnist(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MNIST_NPZ"}
    env.update(KERAS_HOME=str(tmp_path / "keras-home"), TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    message = result.stdout
    assert "MNIST is not on this computer and downloading it failed" in message
    assert data.DOWNLOAD_URL in message
    assert "MNIST_NPZ" in message
    assert issubclass(MnistUnavailableError, RuntimeError)
