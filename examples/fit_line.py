"""A reproducible run: fits a line to points read from a CSV file, standard library only.

Everything it does is determined by its code, its params and its input file, so
``labbook reproduce`` rebuilds it exactly:

    labbook run --param epochs=20 -- python3 examples/fit_line.py --data points.csv --epochs '${epochs}'
    labbook reproduce <run id>

It declares the file it reads with ``labbook.log_input``, which records its SHA-256, and
keeps the fitted line as an artifact.
"""

import argparse
import json
import random

import labbook


def read_points(path):
    points = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.strip():
                x, y = line.split(",")
                points.append((float(x), float(y)))

    return points


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="points.csv")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    labbook.init(params=vars(args))
    labbook.log_input(args.data)
    points = read_points(args.data)
    rng = random.Random(args.seed)
    slope, intercept = 0.0, 0.0

    for epoch in range(args.epochs):
        rng.shuffle(points)
        for x, y in points:
            error = slope * x + intercept - y
            slope -= args.lr * error * x
            intercept -= args.lr * error

        loss = sum((slope * x + intercept - y) ** 2 for x, y in points) / len(points)
        labbook.log({"loss": loss, "slope": slope, "intercept": intercept}, step=epoch)

    with open("line.json", "w", encoding="utf-8") as file:
        json.dump({"slope": slope, "intercept": intercept}, file)

    labbook.log_artifact("line.json")
    labbook.finish()


if __name__ == "__main__":
    main()
