"""A small training run to try Labbook on: logistic regression on two synthetic clusters.

Run it with `python3 train.py` (optionally `--epochs 30 --learning-rate 0.1`). It needs only
Python's standard library and prints the loss and accuracy of every epoch.
"""

import argparse
import math
import random


def make_data(count, seed):
    """Two Gaussian clusters of points, labelled 0 and 1."""
    generator = random.Random(seed)
    points = []
    for label, centre in ((0, -1.0), (1, 1.0)):
        for _ in range(count // 2):
            points.append(((generator.gauss(centre, 1.0), generator.gauss(centre, 1.0)), label))

    generator.shuffle(points)
    return points


def train(epochs, learning_rate, seed):
    points = make_data(400, seed)
    weights = [0.0, 0.0]
    bias = 0.0
    for epoch in range(1, epochs + 1):
        loss = 0.0
        correct = 0
        for (x, y), label in points:
            probability = 1.0 / (1.0 + math.exp(-(weights[0] * x + weights[1] * y + bias)))
            loss -= math.log(probability if label else 1.0 - probability)
            correct += (probability >= 0.5) == bool(label)
            error = probability - label
            weights[0] -= learning_rate * error * x
            weights[1] -= learning_rate * error * y
            bias -= learning_rate * error

        print(f"epoch {epoch}: loss {loss / len(points):.4f} accuracy {correct / len(points):.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    train(arguments.epochs, arguments.learning_rate, arguments.seed)
