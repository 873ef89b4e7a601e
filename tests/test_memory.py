"""helpers.memory: glibc's allocator settings on Linux, and nothing anywhere else."""

from __future__ import annotations

import sys

import pytest

from helpers import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator: Linux only")
def test_on_linux_both_settings_apply() -> None:
    assert memory.share_memory_pools() is True
    assert memory.release_freed_memory() in (True, False)  # False: nothing was left to release


def test_elsewhere_nothing_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    memory._glibc.cache_clear()
    monkeypatch.setattr(sys, "platform", "win32")
    try:
        assert memory.share_memory_pools() is False
        assert memory.release_freed_memory() is False
    finally:
        memory._glibc.cache_clear()


def test_a_c_library_without_the_glibc_functions_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Musl:  # musl (Alpine Linux) has no mallopt or malloc_trim
        pass

    memory._glibc.cache_clear()
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: Musl())
    try:
        assert memory.share_memory_pools() is False
        assert memory.release_freed_memory() is False
    finally:
        memory._glibc.cache_clear()
