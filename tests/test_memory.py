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


def test_without_tensorflow_there_is_nothing_to_forget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "tensorflow.python.framework.ops", raising=False)
    assert memory.forget_finished_training_steps() == 0


def _train_one_step(model) -> None:
    import numpy as np

    model.fit(np.zeros((4, 3), "float32"), np.zeros(4, "int64"), epochs=1, batch_size=4, verbose=0)


def _tiny_model():
    import keras

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def _traced_training_steps() -> int:
    import gc

    gc.collect()
    return sum(
        type(thing).__name__ == "FuncGraph" and thing.name == "one_step_on_data"
        for thing in gc.get_objects()
    )


def test_a_trained_model_s_step_is_freed_once_forgotten() -> None:
    import keras

    keras.backend.clear_session()
    memory.forget_finished_training_steps()
    before = _traced_training_steps()
    _train_one_step(_tiny_model())
    keras.backend.clear_session()
    # TensorFlow's bug: without the workaround the dead model's step stays in memory.
    assert _traced_training_steps() > before, (
        "TensorFlow no longer keeps a dead model's training step: the workaround can go"
    )
    assert memory.forget_finished_training_steps() >= 1
    assert _traced_training_steps() == before
    assert memory.forget_finished_training_steps() == 0  # nothing left


def test_models_train_as_before_after_forgetting() -> None:
    kept = _tiny_model()
    _train_one_step(kept)
    memory.forget_finished_training_steps()
    _train_one_step(kept)  # an existing model keeps its traced step
    _train_one_step(_tiny_model())  # a new model traces and differentiates its own
    assert kept.optimizer.iterations.numpy() == 2
