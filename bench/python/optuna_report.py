"""Reports COUNT intermediate values of one Optuna trial with SQLite storage, the way a
pruned training loop does (trial.report(value, step)). Prints the seconds that took as
JSON, or, when Optuna cannot be imported, why not.

Usage: python3 optuna_report.py COUNT DATABASE_PATH
"""

import json
import sys
import time

from bench_values import loss_values


def main():
    count = int(sys.argv[1])
    try:
        import optuna
    except ImportError as error:
        print(json.dumps({"missing": str(error)}))
        return

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    values = loss_values(count)
    study = optuna.create_study(storage="sqlite:///" + sys.argv[2], study_name="bench")
    trial = study.ask()

    started = time.perf_counter()
    for step, value in enumerate(values):
        trial.report(value, step)

    seconds = time.perf_counter() - started
    study.tell(trial, values[-1])
    print(json.dumps({"seconds": seconds, "points": count, "optuna": optuna.__version__}))


main()
