"""Logs COUNT single scalars through the Labbook SDK's module-level log(), as a training
loop would, then finishes the run (flushed, synced and closed). Prints the seconds that
took as JSON. The store is LABBOOK_STORE; the SDK comes from PYTHONPATH.

Usage: python3 sdk_log.py COUNT
"""

import json
import sys
import time

import labbook
from bench_values import loss_values


def main():
    count = int(sys.argv[1])
    values = loss_values(count)
    run = labbook.init(name="sdk-bench", experiment="bench")
    log = labbook.log

    started = time.perf_counter()
    for value in values:
        log({"loss": value})

    labbook.finish()
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "points": count, "run": run.id}))


main()
