"""Small helpers for the SDK's tests: a temporary store and a reader of record files."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SDK_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_HASH_SUFFIX = re.compile(r',"hash":"([0-9a-f]{64})"\}$')


class TemporaryStore:
    """A fresh folder with a .labbook/ store, removed afterwards."""

    def __enter__(self):
        self.folder = tempfile.mkdtemp(prefix="labbook-test-")
        self.root = os.path.join(self.folder, ".labbook")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.folder, ignore_errors=True)

    def run_dirs(self):
        runs = os.path.join(self.root, "runs")
        return sorted(os.path.join(runs, name) for name in os.listdir(runs))


def read_events(path):
    """The events of a record file, checking the hash chain on the way."""
    events = []
    previous = ""
    with open(path, "r", encoding="utf-8") as file:
        for line in file:
            assert line.endswith("\n"), "torn line in %s" % path
            text = line[:-1]
            match = _HASH_SUFFIX.search(text)
            assert match, "line without hash in %s" % path
            body = text[: match.start()] + "}"
            expected = hashlib.sha256((previous + "\n" + body).encode("utf-8")).hexdigest()
            assert match.group(1) == expected, "hash chain broken in %s" % path
            previous = expected
            events.append(json.loads(text))

    return events


def metric_points(events, key):
    """(step, value) pairs of one metric across the metrics events of a file."""
    points = []
    for event in events:
        if event["type"] == "metrics":
            for step, value in zip(event["steps"], event["values"].get(key, [])):
                if value is not None:
                    points.append((step, value))

    return points


def run_python(code, cwd, env_extra=None):
    """Runs a snippet in a fresh interpreter with the SDK importable."""
    env = dict(os.environ)
    env.pop("LABBOOK_RUN_ID", None)
    env.pop("LABBOOK_STORE", None)
    env["PYTHONPATH"] = SDK_ROOT
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
