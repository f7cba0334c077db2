"""The metric values both Python benchmarks log: the same seeded curve for the SDK and
for Optuna, so that the two sides write the same points."""

import math
import random

SEED = 20261203


def loss_values(count):
    """A decaying, noisy training loss of ``count`` floats."""
    rng = random.Random(SEED)
    return [0.1 + 2.0 * math.exp(-5.0 * i / count) + 0.02 * rng.random() for i in range(count)]
