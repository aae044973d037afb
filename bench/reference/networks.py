"""The three benchmark networks of issue 3, in PyTorch, layer for layer as
ConvLab builds them (input 28x28x1, NCHW, 10 classes).

- LeNet-5: conv 6@5x5 padding 2, ReLU, maxpool 2, conv 16@5x5 (no padding),
  ReLU, maxpool 2, dense 120, ReLU, dense 84, ReLU, dense 10.
- cnn3: conv 32@3x3, ReLU, conv 32@3x3, ReLU, maxpool 2, conv 64@3x3, ReLU,
  maxpool 2, dense 128, ReLU, dropout 0.5, dense 10.  Every 3x3 convolution
  has padding 1 ("same"): 28x28 -> 28 -> 28 -> pool 14 -> 14 -> pool 7, so
  the dense layer sees 64 * 7 * 7 = 3136 inputs.  ConvLab's cnn3 case must
  use the same padding.
- mlp: 784-256-128-10 with ReLU between.

Convolutions and dense layers have biases; the softmax is fused into the
cross-entropy loss, as in ConvLab.
"""

import torch.nn as nn


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10),
    )


def cnn3():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(),
        nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 128), nn.ReLU(),
        nn.Dropout(0.5),
        nn.Linear(128, 10),
    )


def mlp():
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 256), nn.ReLU(),
        nn.Linear(256, 128), nn.ReLU(),
        nn.Linear(128, 10),
    )


NETWORKS = {"lenet5": lenet5, "cnn3": cnn3, "mlp": mlp}
