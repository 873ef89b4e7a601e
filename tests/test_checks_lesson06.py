"""Lesson 06 checks: right answers written any way pass; each wrong one gets its own hint."""

from __future__ import annotations

import numpy as np
import pytest

from learner_answers import assert_right, assert_wrong, softmax


def glorot(fan_in, fan_out, rng):
    limit = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)


def glorot_random(fan_in, fan_out, rng):
    limit = np.sqrt(6 / (fan_in + fan_out))
    return ((2 * rng.random((fan_in, fan_out)) - 1) * limit).astype(np.float32)


@pytest.mark.parametrize("answer", [glorot, glorot_random])
def test_glorot_uniform_right(answer) -> None:
    assert_right("glorot_uniform", (answer,), "✓ glorot_uniform is correct on 3 layer sizes.")


def limit(fan_in, fan_out):
    return np.sqrt(6 / (fan_in + fan_out))


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        # Ignoring the rng it is given and making its own used to pass.
        (lambda i, o, rng: glorot(i, o, np.random.default_rng(0)), "own_rng"),
        (lambda i, o, rng: np.random.uniform(-limit(i, o), limit(i, o), (i, o)).astype(np.float32), "own_rng"),  # noqa: NPY002 - the global state is what is tested
        (lambda i, o, rng: glorot(o, i, rng), "shape"),
        (lambda i, o, rng: glorot(i, o, rng).astype(np.float64), "dtype"),
        (lambda i, o, rng: rng.normal(0, limit(i, o), (i, o)).astype(np.float32), "beyond_limit"),
        (lambda i, o, rng: rng.uniform(-limit(i, o) / 2, limit(i, o) / 2, (i, o)).astype(np.float32), "spread"),
        (lambda i, o, rng: rng.uniform(0, limit(i, o), (i, o)).astype(np.float32), "spread"),
        (lambda i, o, rng: rng.uniform(-np.sqrt(6 / i), np.sqrt(6 / i), (i, o)).astype(np.float32), "beyond_limit"),
        (lambda i, o, rng: rng.uniform(-1, 1, (i, o)).astype(np.float32), "beyond_limit"),
        (lambda i, o, rng: np.zeros((i, o), np.float32), "spread"),
        (lambda i, o, rng: rng.uniform(-limit(i, o), limit(i, o)), "shape"),
    ],
)
def test_glorot_uniform_wrong(answer, mistake) -> None:
    assert_wrong("glorot_uniform", (answer,), mistake)


def one_hot(labels):
    encoded = np.zeros((len(labels), 10), dtype=np.float32)
    encoded[np.arange(len(labels)), labels] = 1
    return encoded


@pytest.mark.parametrize("answer", [one_hot, lambda labels: np.eye(10, dtype=np.float32)[labels],
                                    lambda labels: (np.asarray(labels)[:, None] == np.arange(10)).astype(np.float32)])
def test_one_hot_digits_right(answer) -> None:
    assert_right("one_hot_digits", (answer,), "✓ one_hot_digits is correct on 4 test inputs.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        (lambda labels: np.eye(labels.max() + 1, dtype=np.float32)[labels], "columns_from_labels"),
        (lambda labels: one_hot(labels).T, "transposed"),
        (lambda labels: one_hot(labels).astype(np.float64), "dtype"),
        (lambda labels: one_hot(labels).astype(int), "dtype"),
        (lambda labels: np.eye(10, dtype=np.float32)[labels - 1], None),
        (lambda labels: np.eye(9, dtype=np.float32)[np.minimum(labels, 8)], None),
        (lambda labels: 1 - one_hot(labels), None),
        (lambda labels: one_hot(labels)[:, ::-1], None),
        (lambda labels: labels, None),
        (lambda labels: np.zeros((len(labels), 10), np.float32), None),
        (lambda labels: one_hot(labels).ravel(), None),
    ],
)
def test_one_hot_digits_wrong(answer, mistake) -> None:
    assert_wrong("one_hot_digits", (answer,), mistake)


def relu(z):
    return np.maximum(z, 0)


def predict(image, W1, b1, W2, b2, scale=255, axis=-1):
    x = image.reshape(1, 784).astype(np.float32) / scale
    p = softmax(relu(x @ W1 + b1) @ W2 + b2, axis=axis)[0]
    digit = int(np.argmax(p))
    return digit, float(p[digit])


@pytest.mark.parametrize("answer", [predict, lambda *a: np.array(predict(*a)),
                                    lambda image, *w: predict(image.astype(np.float64), *w)])
def test_predict_digit_right(answer) -> None:
    assert_right("predict_digit", (answer,), "✓ predict_digit is correct on 3 test images.")


@pytest.mark.parametrize(
    ("answer", "mistake"),
    [
        # Softmax over the wrong axis used to get "divide the image by 255".
        (lambda *a: predict(*a, axis=0), "softmax_wrong_axis"),
        (lambda *a: predict(*a, scale=1), "not_scaled"),
        (lambda image, W1, b1, W2, b2: (int(np.argmax(relu(image.reshape(1, 784) / 255 @ W1 + b1) @ W2 + b2)),
                                        float(np.max(relu(image.reshape(1, 784) / 255 @ W1 + b1) @ W2 + b2))), "no_softmax"),
        (lambda *a: (int(np.argmin(softmax(relu(a[0].reshape(1, 784) / 255 @ a[1] + a[2]) @ a[3] + a[4]))),
                     float(np.min(softmax(relu(a[0].reshape(1, 784) / 255 @ a[1] + a[2]) @ a[3] + a[4])))), "least_likely"),
        (lambda *a: predict(*a)[::-1], "wrong_order"),
        (lambda *a: predict(*a)[0], None),
        (lambda image, W1, b1, W2, b2: predict(image.T, W1, b1, W2, b2), None),
        # Indistinguishable from unscaled pixels (which give p ≈ 1); the hint says "usually".
        (lambda image, W1, b1, W2, b2: (predict(image, W1, b1, W2, b2)[0], 1.0), "not_scaled"),
        (lambda image, W1, b1, W2, b2: image.reshape(784) @ W1, None),
        (lambda image, W1, b1, W2, b2: (str(predict(image, W1, b1, W2, b2)[0]), predict(image, W1, b1, W2, b2)[1]), "text"),
        (lambda image, W1, b1, W2, b2: predict(image, W1, b1 * 0, W2, b2), None),
    ],
)
def test_predict_digit_wrong(answer, mistake) -> None:
    assert_wrong("predict_digit", (answer,), mistake)
