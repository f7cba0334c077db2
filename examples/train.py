"""A first tracked run: logistic regression on a synthetic data set, standard library only.

Run it through Labbook, from the folder that should hold the store:

    labbook run --param lr=0.5 --param epochs=20 -- python3 examples/train.py --lr '${lr}' --epochs '${epochs}'

or simply ``python3 examples/train.py`` (with ``sdk/python`` on PYTHONPATH, or the SDK
installed with ``pip install sdk/python``): the run then lands in the nearest store too.

It reports metrics in both of Labbook's ways: per batch through the SDK
(``labbook.log``), and per epoch as ``key: value`` lines on stdout, which the launcher
turns into metrics without any library.
"""

import argparse
import math
import random

import labbook


def make_data(count, features, seed):
    """Points on either side of a random hyperplane, with some label noise."""
    rng = random.Random(seed)
    truth = [rng.gauss(0, 1) for _ in range(features)]
    rows = []
    for _ in range(count):
        x = [rng.gauss(0, 1) for _ in range(features)]
        score = sum(w * v for w, v in zip(truth, x))
        label = 1 if score + rng.gauss(0, 0.5) > 0 else 0
        rows.append((x, label))

    return rows


def predict(weights, bias, x):
    z = bias + sum(w * v for w, v in zip(weights, x))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def evaluate(weights, bias, rows):
    loss = 0.0
    correct = 0
    for x, label in rows:
        p = min(max(predict(weights, bias, x), 1e-12), 1 - 1e-12)
        loss -= label * math.log(p) + (1 - label) * math.log(1 - p)
        correct += (p >= 0.5) == (label == 1)

    return loss / len(rows), correct / len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=float, default=0.5)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--features", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    labbook.init(params=vars(args), tags={"model": "logistic-regression"})
    rows = make_data(1200, args.features, args.seed)
    train, valid = rows[:1000], rows[1000:]
    weights = [0.0] * args.features
    bias = 0.0
    rng = random.Random(args.seed)

    for epoch in range(args.epochs):
        rng.shuffle(train)
        for start in range(0, len(train), args.batch_size):
            batch = train[start : start + args.batch_size]
            grad_w = [0.0] * args.features
            grad_b = 0.0
            batch_loss = 0.0
            for x, label in batch:
                p = predict(weights, bias, x)
                error = p - label
                grad_b += error
                for i, v in enumerate(x):
                    grad_w[i] += error * v

                p = min(max(p, 1e-12), 1 - 1e-12)
                batch_loss -= label * math.log(p) + (1 - label) * math.log(1 - p)

            weights = [w - args.lr * g / len(batch) for w, g in zip(weights, grad_w)]
            bias -= args.lr * grad_b / len(batch)
            labbook.log({"train_loss": batch_loss / len(batch)})

        val_loss, val_acc = evaluate(weights, bias, valid)
        # These lines are metrics too: `labbook run` reads `key: value` from stdout.
        print("epoch: %d" % (epoch + 1))
        print("val_loss: %.6f" % val_loss)
        print("val_acc: %.4f" % val_acc, flush=True)

    labbook.finish()


if __name__ == "__main__":
    main()
