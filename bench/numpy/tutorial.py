#!/usr/bin/python3
"""The tutorial's own NumPy network, timed on the same MNIST files as NotebookNet.

The classes and functions below are copied from the tutorial (document cells 4-14) unchanged, except that
Keras' `mnist.load_data()` and `to_categorical` are replaced by gzip + NumPy reads of the same IDX files
(data/mnist/*.gz) so that no TensorFlow is needed. Run by `notebooknet-bench seed`, which parses the
`key=value` lines this prints; it can be run alone:

    /usr/bin/python3 bench/numpy/tutorial.py --data data/mnist --seed 0 --epochs 100 --limit 1000 --repeat 3
"""
import argparse
import contextlib
import gzip
import io
import os
import sys
import time

import numpy as np


# ---- The tutorial, cells 4-14 ------------------------------------------------------------------------------

class Layer:
    def __init__(self):
        self.input = None
        self.output = None

    def forward(self, input):
        pass

    def backward(self, output_gradient, learning_rate):
        pass


class Dense(Layer):
    def __init__(self, input_size, output_size):
        self.weights = np.random.randn(output_size, input_size)
        self.bias = np.random.randn(output_size, 1)

    def forward(self, input):
        self.input = input
        return np.dot(self.weights, self.input) + self.bias

    def backward(self, output_gradient, learning_rate):
        weights_gradient = np.dot(output_gradient, self.input.T)
        input_gradient = np.dot(self.weights.T, output_gradient)
        self.weights -= learning_rate * weights_gradient
        self.bias -= learning_rate * output_gradient
        return input_gradient


class Activation(Layer):
    def __init__(self, activation, activation_prime):
        self.activation = activation
        self.activation_prime = activation_prime

    def forward(self, input):
        self.input = input
        return self.activation(self.input)

    def backward(self, output_gradient, learning_rate):
        return np.multiply(output_gradient, self.activation_prime(self.input))


class Tanh(Activation):
    def __init__(self):
        def tanh(x):
            return np.tanh(x)

        def tanh_prime(x):
            return 1 - np.tanh(x) ** 2

        super().__init__(tanh, tanh_prime)


def mse(y_true, y_pred):
    return np.mean(np.power(y_true - y_pred, 2))


def mse_prime(y_true, y_pred):
    return 2 * (y_pred - y_true) / np.size(y_true)


def predict(network, input):
    output = input
    for layer in network:
        output = layer.forward(output)
    return output


def train(network, loss, loss_prime, x_train, y_train, epochs=1000, learning_rate=0.01, verbose=True):
    for e in range(epochs):
        error = 0
        for x, y in zip(x_train, y_train):
            # forward
            output = predict(network, x)

            # error
            error += loss(y, output)

            # backward
            grad = loss_prime(y, output)
            for layer in reversed(network):
                grad = layer.backward(grad, learning_rate)

        error /= len(x_train)
        if verbose:
            print(f"{e + 1}/{epochs}, error={error}")


def preprocess_data(x, y, limit):
    x = x.reshape(x.shape[0], 28 * 28, 1)
    x = x.astype("float32") / 255
    y = to_categorical(y)
    y = y.reshape(y.shape[0], 10, 1)
    return x[:limit], y[:limit]


# ---- Stand-ins for Keras ------------------------------------------------------------------------------------

def to_categorical(y, num_classes=10):
    """keras.utils.to_categorical: float32 one-hot rows."""
    return np.eye(num_classes, dtype="float32")[y]


def read_idx(path):
    """An IDX file (optionally gzipped) as a uint8 array; replaces keras' mnist.load_data()."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(directory, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"{stem}(.gz) not found in {directory}")


def blas_info():
    """Which BLAS NumPy runs and with how many threads: threadpoolctl's pools (OpenBLAS, BLIS, OpenMP) and the
    libblas.so.3 actually mapped into this process (the only way to see ATLAS or the reference BLAS)."""
    pools = ""
    try:
        import threadpoolctl
        pools = "; ".join(
            f"{p.get('internal_api')} {p.get('version')} {p.get('architecture', '')} "
            f"threads={p.get('num_threads')} ({p.get('filepath')})" for p in threadpoolctl.threadpool_info())
    except ImportError:
        pass
    mapped = sorted({line.split()[-1] for line in open("/proc/self/maps") if "libblas.so" in line}) \
        if os.path.exists("/proc/self/maps") else []
    return "; ".join(part for part in (pools, "libblas " + " ".join(mapped) if mapped else "") if part) or "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    x_train = read_idx(find(args.data, "train-images-idx3-ubyte"))
    y_train = read_idx(find(args.data, "train-labels-idx1-ubyte"))
    x_train, y_train = preprocess_data(x_train, y_train, args.limit)

    print(f"numpy={np.__version__}")
    print(f"python={sys.version.split()[0]} ({sys.executable})")
    print(f"blas={blas_info()}")
    print("env=" + " ".join(f"{k}={os.environ.get(k, '(unset)')}" for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "BLIS_NUM_THREADS", "LD_LIBRARY_PATH")))

    seconds, errors = [], None
    for _ in range(args.repeat):
        np.random.seed(args.seed)
        network = [Dense(28 * 28, 40), Tanh(), Dense(40, 10), Tanh()]
        if errors is None:
            # Mean loss with the initial weights: equal to rounding in both engines when the seeds match.
            initial = sum(mse(y, predict(network, x)) for x, y in zip(x_train, y_train)) / len(x_train)
            print(f"initial={initial!r}")
        log = io.StringIO()
        with contextlib.redirect_stdout(log):
            start = time.perf_counter()
            train(network, mse, mse_prime, x_train, y_train, epochs=args.epochs, learning_rate=0.1)
            seconds.append(time.perf_counter() - start)
        if errors is None:
            errors = [line.split("error=")[1] for line in log.getvalue().splitlines()]
    print("seconds=" + ",".join(repr(s) for s in seconds))
    print("errors=" + ",".join(errors))


if __name__ == "__main__":
    main()
