"""Keep the memory of a lesson that trains many models down, above all on Linux servers.

glibc's memory allocator gives every thread its own pool ("arena") of memory and keeps memory a
program has freed, to hand it out again quickly. TensorFlow starts many threads, and a lesson
that trains a dozen models leaves much freed memory in those pools: it counts against a Binder
or JupyterHub memory limit although nobody uses it. ``share_memory_pools`` and
``release_freed_memory`` do nothing outside Linux or where the C library is not glibc; they never
change a result, only how memory is held.

``forget_finished_training_steps`` works around a TensorFlow leak that ``clear_session`` does not
fix: every traced training step stays in memory for good, with all its operations.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

_M_ARENA_MAX = -8  # mallopt's parameter number for the maximum number of arenas (glibc)


@cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt, libc.malloc_trim  # noqa: B018 - both exist only in glibc
    except (OSError, AttributeError):
        return None
    return libc


def share_memory_pools(pools: int = 2) -> bool:
    """Let all threads share ``pools`` memory pools; call it before importing TensorFlow.

    Returns whether the setting was applied (only with glibc, on Linux).
    """
    libc = _glibc()
    return libc is not None and libc.mallopt(_M_ARENA_MAX, pools) == 1


def forget_finished_training_steps() -> int:
    """Let Python free the training steps of models that are gone; call it after ``clear_session``.

    Tracing a Keras training step on TensorFlow registers a gradient function named
    ``CustomGradient-<number>`` in TensorFlow's global gradient registry, through the
    distribution strategy's ``all_reduce``. Nothing ever removes it, and it holds the whole traced
    step, so each model trained leaks a few MB (tensorflow/tensorflow#80895; the same fix is
    proposed for ``clear_session`` in keras-team/tf-keras#898). The registry is only read while a
    step is being traced, so between two trainings its old entries are never needed again.

    Returns how many entries were removed (0 where TensorFlow is not imported).
    """
    tensorflow_ops = sys.modules.get("tensorflow.python.framework.ops")
    registry = getattr(getattr(tensorflow_ops, "_gradient_registry", None), "_registry", None)
    if not isinstance(registry, dict):
        return 0
    finished = [name for name in registry if name.startswith("CustomGradient-")]
    for name in finished:
        del registry[name]
    return len(finished)


def release_freed_memory() -> bool:
    """Hand memory the program has freed back to the system now (glibc's ``malloc_trim``).

    Returns whether any memory was released (always False outside Linux with glibc).
    """
    libc = _glibc()
    return libc is not None and libc.malloc_trim(0) == 1
