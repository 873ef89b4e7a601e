"""Keep a long lesson's memory down on Linux, where most classroom servers run.

glibc's memory allocator gives every thread its own pool ("arena") of memory and keeps memory a
program has freed, to hand it out again quickly. TensorFlow starts many threads, and a lesson
that trains a dozen models leaves much freed memory in those pools: it counts against a Binder
or JupyterHub memory limit although nobody uses it. Both functions do nothing outside Linux or
where the C library is not glibc; they never change a result, only how memory is held.
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


def release_freed_memory() -> bool:
    """Hand memory the program has freed back to the system now (glibc's ``malloc_trim``).

    Returns whether any memory was released (always False outside Linux with glibc).
    """
    libc = _glibc()
    return libc is not None and libc.malloc_trim(0) == 1
