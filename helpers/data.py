"""Load MNIST, offline when a local copy exists, and refuse a damaged copy loudly.

Lookup order of :func:`load_mnist`:

1. the ``path`` argument;
2. the file named by the environment variable ``MNIST_NPZ``;
3. ``keras.datasets.mnist.load_data()``, which downloads once and caches.

A local file is read with ``allow_pickle=False`` and its four arrays are
compared with the SHA-256 hashes of the real MNIST arrays.  A local file is
only ever read: it is never moved, rewritten or deleted.

:func:`load_lesson06_weights` loads the NumPy network that lesson 06 trained, for
lesson 07; if lesson 06 has not been run yet, it runs it first.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import numpy as np

__all__ = [
    "DOWNLOAD_URL",
    "MNIST_SHA256",
    "MnistFileError",
    "MnistUnavailableError",
    "load_lesson06_weights",
    "load_mnist",
]

Split = tuple[np.ndarray, np.ndarray]

#: Where Keras itself downloads MNIST from; the same arrays as the course's file.
DOWNLOAD_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"

#: SHA-256 of ``array.tobytes()`` for each array of the real MNIST.
MNIST_SHA256 = {
    "x_train": "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757",
    "y_train": "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13",
    "x_test": "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161",
    "y_test": "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5",
}

_EXPECTED_SHAPES = {
    "x_train": (60000, 28, 28),
    "y_train": (60000,),
    "x_test": (10000, 28, 28),
    "y_test": (10000,),
}

_HOW_TO_GET_IT = (
    "To work offline, download mnist.npz once (about 11 MB) from\n"
    f"    {DOWNLOAD_URL}\n"
    "save it anywhere, for example next to this course as data/mnist.npz, and point the\n"
    "environment variable MNIST_NPZ at it before starting JupyterLab:\n"
    "    export MNIST_NPZ=/full/path/to/mnist.npz        (macOS, Linux)\n"
    "    set MNIST_NPZ=C:\\full\\path\\to\\mnist.npz       (Windows)\n"
    "or pass the path directly: load_mnist('/full/path/to/mnist.npz')."
)


class MnistFileError(ValueError):
    """A local MNIST file exists but is not the real, complete MNIST."""


class MnistUnavailableError(RuntimeError):
    """No local MNIST file was given and the download failed."""


def load_mnist(path: str | os.PathLike[str] | None = None) -> tuple[Split, Split]:
    """Return MNIST as uint8 arrays ``(x_train, y_train), (x_test, y_test)``."""
    if path is None and os.environ.get("MNIST_NPZ"):
        path = os.environ["MNIST_NPZ"]
        source = "the file named by the environment variable MNIST_NPZ"
    else:
        source = "the file you passed"
    if path is not None:
        arrays = _read_local_file(Path(path).expanduser(), source)
    else:
        arrays = _download_with_keras()
    _verify(arrays, where="the MNIST arrays Keras returned" if path is None else str(path))
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _read_local_file(path: Path, source: str) -> dict[str, np.ndarray]:
    if not path.is_file():
        raise MnistFileError(
            f"MNIST file not found: {path} ({source}).\n"
            "Check the path for typos, or unset MNIST_NPZ to let Keras download the data.\n"
            + _HOW_TO_GET_IT
        )
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = sorted(set(MNIST_SHA256) - set(archive.files))
            if missing:
                raise MnistFileError(
                    f"{path} is a NumPy archive but lacks the arrays {missing}; "
                    f"it holds {sorted(archive.files)}. It is not MNIST.\n" + _HOW_TO_GET_IT
                )
            return {key: archive[key] for key in MNIST_SHA256}
    except MnistFileError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise MnistFileError(
            f"{path} could not be read as a NumPy .npz archive "
            f"({type(error).__name__}: {error}). The file may be truncated (an interrupted "
            "download) or not an .npz file at all. It was left untouched; download it again.\n"
            + _HOW_TO_GET_IT
        ) from error


def _download_with_keras() -> dict[str, np.ndarray]:
    import keras  # imported here: loading a local file should not need TensorFlow

    try:
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as error:  # Keras raises a bare Exception for a failed download
        raise MnistUnavailableError(
            "MNIST is not on this computer and downloading it failed "
            f"({type(error).__name__}: {error}).\n"
            "Are you offline, or behind a firewall? " + _HOW_TO_GET_IT
        ) from error
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


def _verify(arrays: dict[str, np.ndarray], where: str) -> None:
    for key, expected_hash in MNIST_SHA256.items():
        array = arrays[key]
        if array.dtype != np.uint8 or array.shape != _EXPECTED_SHAPES[key]:
            raise MnistFileError(
                f"{where}: array {key!r} has shape {array.shape} and dtype {array.dtype}; "
                f"MNIST has shape {_EXPECTED_SHAPES[key]} and dtype uint8.\n" + _HOW_TO_GET_IT
            )
        if hashlib.sha256(array.tobytes()).hexdigest() != expected_hash:
            raise MnistFileError(
                f"{where}: array {key!r} has the right shape but different contents from the "
                "real MNIST (its SHA-256 does not match). The file is damaged or modified; "
                "it was left untouched. Download a fresh copy.\n" + _HOW_TO_GET_IT
            )


def load_lesson06_weights(
    path: str | os.PathLike[str] = "saved/06_numpy_mlp_weights.npz",
    notebook: str | os.PathLike[str] = "06_mlp_from_scratch.ipynb",
    *,
    timeout: int = 900,
) -> dict[str, np.ndarray]:
    """Return lesson 06's NumPy weights W1, b1, W2, b2; run lesson 06 first if they are missing."""
    path, notebook = Path(path), Path(notebook)
    expected = {"W1": (784, 128), "b1": (128,), "W2": (128, 10), "b2": (10,)}
    if not path.is_file():
        if not notebook.is_file():
            raise FileNotFoundError(
                f"Neither lesson 06's weights ({path}) nor lesson 06 itself ({notebook}) was "
                f"found from the folder {Path.cwd().name!r}. Run notebook 06 to the end (it "
                "saves the weights), or open this notebook from the course's notebooks folder."
            )
        print(
            f"{path} does not exist yet, so lesson 06 ({notebook.name}) is running now in a "
            "fresh kernel: it trains the NumPy network and saves its weights (a minute or two)."
        )
        import nbformat  # imported here: only this fallback needs Jupyter's machinery
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        client = NotebookClient(
            nbformat.read(notebook, as_version=4),
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(notebook.resolve().parent)}},
        )
        try:
            # Runs in memory: the notebook file itself is not rewritten. Its slider cells draw
            # plain figures: no browser is attached, and nbclient can hang on widgets.
            client.execute(env={**os.environ, "COURSE_STATIC_PLOTS": "1"})
        except CellExecutionError as error:
            raise RuntimeError(
                f"Lesson 06 ({notebook}) stopped with an error, so it saved no weights. "
                f"Open it and run it to find the problem. The error was:\n{error}"
            ) from error
        if not path.is_file():
            raise RuntimeError(
                f"Lesson 06 ({notebook}) ran to the end but did not write {path}. Does its "
                "last section still save the weights with np.savez to that path?"
            )
        print(f"Lesson 06 finished and saved {path}; loading it.")
    unreadable = (
        f"{path} is not a readable NumPy .npz archive (truncated, or not written by np.savez). "
        "It was left untouched; re-run lesson 06 to rewrite it."
    )
    if not zipfile.is_zipfile(path):
        raise ValueError(unreadable)
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = sorted(set(expected) - set(archive.files))
            if missing:
                raise ValueError(
                    f"{path} lacks the arrays {missing}; it holds {sorted(archive.files)}. "
                    f"Lesson 06 saves {sorted(expected)}: re-run it to rewrite the file."
                )
            weights = {key: archive[key] for key in expected}
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise ValueError(f"{unreadable} ({type(error).__name__}: {error})") from error
    for key, shape in expected.items():
        array = weights[key]
        if array.shape != shape or array.dtype != np.float32:
            raise ValueError(
                f"{path}: {key} has shape {array.shape} and dtype {array.dtype}; expected "
                f"shape {shape} and dtype float32 (784 inputs → 128 hidden → 10 outputs)."
            )
        if not np.all(np.isfinite(array)):
            raise ValueError(
                f"{path}: {key} contains NaN or infinite values; lesson 06's training "
                "diverged. Re-run lesson 06 and check its loss goes down."
            )
    return weights
