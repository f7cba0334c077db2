"""A run as the SDK writes it: the owner of a new run, or an extra writer attached to a run
that a launcher owns. Metrics are buffered in columns and written by size, by a timer
about once a second, and at exit, so that ``log()`` costs about a microsecond."""

import hashlib
import os
import secrets
import shutil
import socket
import sys
import threading
import time
import platform
import traceback
import weakref

from . import capture, ledger, store, values
from .metric_buffer import TIME_RESOLUTION, MetricBuffer, drop_row, pad_row
from .record import FORMAT_VERSION, RecordFile

FLUSH_SECONDS = 1.0
HEARTBEAT_SECONDS = 10.0
# Points held before a flush: big enough to amortise encoding, small enough that a line
# stays a few megabytes, far below the readers' limit.
FLUSH_POINTS = 200_000
# The most distinct metric keys one run holds; readers leave out the rest (run-format.md).
MAX_METRIC_KEYS = 10_000
# How a run can end; readers skip an end event with any other status.
_END_STATUSES = ("finished", "failed", "killed")

_live_runs = weakref.WeakSet()


def _mark_forked():
    # A forked child must not write into its parent's file, and checking the pid on every
    # log() would cost a system call; so runs learn of a fork once, here.
    for run in list(_live_runs):
        run._forked = True


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_mark_forked)

_clock = time.time


class Run:
    """A run being written. Use the module functions, or this object's methods."""

    def __init__(self, root, run_id, record, owner):
        self.id = run_id
        self.store = root
        self.dir = store.run_dir(root, run_id)
        self.owner = owner
        self._record = record
        self._started = time.time()
        self._pid = os.getpid()
        self._forked = False
        _live_runs.add(self)
        self._lock = threading.Lock()
        self._known_keys = set()
        self._next_step = 0
        self._buffer = MetricBuffer(FLUSH_POINTS)
        self._in_log = False
        self._ended = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._tick, name="labbook-flush", daemon=True)
        self._thread.start()

    # Creation

    @classmethod
    def create(cls, root, name=None, experiment=None, params=None, tags=None):
        """Starts a new run in the store at ``root``, owned by this process."""
        params = values.params_map(params or {})
        tags = values.tags_map(tags or {})
        store.ensure_store(root)
        started = time.time()
        run_id = store.new_run_id(started)
        folder = store.run_dir(root, run_id)
        os.mkdir(folder)

        cwd = os.getcwd()
        env = dict(os.environ)
        git, patch = capture.capture_git(cwd, root)
        if patch:
            scrubbed = capture.scrub(patch, capture.secret_values(env)).encode("utf-8")
            with open(os.path.join(folder, capture.PATCH_FILE), "wb") as file:
                file.write(scrubbed)

            git["patchSha256"] = hashlib.sha256(scrubbed).hexdigest()

        command = [sys.executable] + sys.argv if sys.argv and sys.argv[0] else None
        record = RecordFile(os.path.join(folder, store.MAIN_RECORD))
        events = [
            {
                "time": started,
                "type": "start",
                "format": FORMAT_VERSION,
                "run": run_id,
                "name": name or run_id,
                "experiment": experiment or "Default",
                "command": command,
                "cwd": cwd,
                "host": socket.gethostname(),
                "user": capture.current_user(),
                "pid": os.getpid(),
                "writer": "python-sdk",
                "versions": {"python": platform.python_version()},
                "env": capture.recorded_environment(env, store.configured_env_allow(root)),
                "git": git,
            }
        ]
        if params:
            events.append({"type": "params", "params": params})

        if tags:
            events.append({"type": "tags", "tags": tags})

        record.append(*events)
        run = cls(root, run_id, record, owner=True)
        run._started = started
        run._beat()
        return run

    @classmethod
    def attach(cls, root, run_id, name=None, params=None, tags=None):
        """Adds this process as a writer of a run that another process owns."""
        params = values.params_map(params or {})
        tags = values.tags_map(tags or {})
        folder = store.run_dir(root, run_id)
        suffix = "python-%d-%s" % (os.getpid(), secrets.token_hex(3))
        record = RecordFile(os.path.join(folder, "events-%s.jsonl" % suffix))
        events = [
            {
                "type": "attach",
                "format": FORMAT_VERSION,
                "run": run_id,
                "writer": "python-sdk",
                "host": socket.gethostname(),
                "user": capture.current_user(),
                "pid": os.getpid(),
            }
        ]
        if name:
            events.append({"type": "rename", "name": name, "user": capture.current_user()})

        if params:
            events.append({"type": "params", "params": params})

        if tags:
            events.append({"type": "tags", "tags": tags, "user": capture.current_user()})

        record.append(*events)
        return cls(root, run_id, record, owner=False)

    def _finished_error(self):
        return RuntimeError("run %s has finished; start another with labbook.init()" % self.id)

    # Metrics

    def log(self, metrics, step=None):
        """Buffers one row of metrics; without ``step`` the step counts up from the last.

        This is the hot path, so it takes no lock: the flush thread swaps the buffer out
        and waits while ``_in_log`` is set, which is enough for one logging thread. A row
        of known keys and plain numbers costs a dictionary lookup and an append per key;
        anything else takes the slow path in ``_new_value``.
        """
        self._in_log = True
        try:
            if self._ended:
                raise self._finished_error()

            buffer = self._buffer
            steps = buffer.steps
            row = len(steps)
            if step is None:
                step = self._next_step
            elif type(step) is not int:
                step = values.step_value(step)

            columns = buffer.columns
            try:
                for key, value in metrics.items():
                    column = columns.get(key)
                    if column is None or (type(value) is not float and type(value) is not int):
                        column, value = self._new_value(buffer, key, value, row)

                    column.append(value)

                # Each key fills its column once, so equal counts mean no column was left out.
                if len(metrics) != len(columns):
                    pad_row(columns, row + 1)
            except (TypeError, ValueError):
                drop_row(columns, row)
                raise
            except AttributeError:
                drop_row(columns, row)
                raise TypeError(
                    "log() takes a dict of metrics, not %s" % type(metrics).__name__
                ) from None

            steps.append(step)
            now = _clock()
            if now >= buffer.next_mark:
                buffer.time_marks.append((row, now))
                buffer.next_mark = now + TIME_RESOLUTION

            self._next_step = step + 1
        finally:
            self._in_log = False

        if row + 1 >= buffer.flush_rows:
            self.flush()

    def _new_value(self, buffer, key, value, row):
        """The slow path of log(): checks a new key, starts its column padded to ``row``, and
        converts an unusual value, or raises. Returns the column and the value to append."""
        if key not in self._known_keys:
            values.check_key(key)
            if len(self._known_keys) >= MAX_METRIC_KEYS:
                raise ValueError(
                    "the run already has %d metric keys, the most one run holds, so a row "
                    "with a new key was not logged; log fewer distinct keys" % MAX_METRIC_KEYS
                )

            self._known_keys.add(key)

        value = values.metric_value(key, value)
        columns = buffer.columns
        column = columns.get(key)
        if column is None:
            column = columns[key] = [None] * row
            buffer.flush_rows = max(1, FLUSH_POINTS // len(columns))

        return column, value

    def _take_buffer(self):
        """Swaps in an empty buffer and returns the full one once no log() is writing it."""
        buffer = self._buffer
        self._buffer = MetricBuffer(FLUSH_POINTS)
        while self._in_log:
            time.sleep(0.0005)

        return buffer

    def _write_buffer(self, buffer):
        if buffer.steps:
            self._record.append_metrics(buffer.steps, buffer.times_text(), buffer.full_columns())

    def flush(self):
        """Writes buffered metrics now."""
        with self._lock:
            if not self._record.closed:
                self._write_buffer(self._take_buffer())

    # Other events

    def _append(self, event):
        with self._lock:
            if self._ended:
                raise self._finished_error()

            self._write_buffer(self._take_buffer())
            self._record.append(event)

    def log_params(self, params):
        """Records params; a later value for a key replaces an earlier one."""
        self._append({"type": "params", "params": values.params_map(params)})

    def set_tags(self, tags):
        """Sets tags; a value of None removes the tag."""
        tags = values.tags_map(tags)
        self._append({"type": "tags", "tags": tags, "user": capture.current_user()})

    def log_artifact(self, path, name=None):
        """Copies a file into the run's artifacts and records its SHA-256. Returns the path of
        the copy."""
        if not os.path.isfile(path):
            raise ValueError("artifact %r is not a file" % (path,))

        relative, target = store.prepare_artifact_path(self.dir, name or os.path.basename(path))
        shutil.copyfile(path, target)

        sha256, size = store.file_sha256(target)
        relative = relative.replace(os.sep, "/")
        self._append(
            {
                "type": "artifact",
                "name": name or relative,
                "path": relative,
                "sha256": sha256,
                "size": size,
            }
        )
        return target

    def log_input(self, path):
        """Records a file the run reads, by absolute path and SHA-256, so that a reproduction
        can check it is unchanged. Returns the hash."""
        if not os.path.isfile(path):
            raise ValueError("input %r is not a file" % (path,))

        sha256, size = store.file_sha256(path)
        path = os.path.abspath(path)
        self._append({"type": "input", "path": path, "sha256": sha256, "size": size})
        return sha256

    # Ending

    def finish(self, status="finished", error=None):
        """Flushes and closes the run. The owner records the end; an attached writer records
        a failure as a status for the owner to see. Finishing twice does nothing."""
        if status not in _END_STATUSES:
            raise ValueError(
                "status must be one of %s, not %r" % (", ".join(sorted(_END_STATUSES)), status)
            )

        with self._lock:
            if self._ended or self._forked:
                return

            self._ended = True
            self._stop.set()
            self._write_buffer(self._take_buffer())
            if self.owner:
                event = {
                    "type": "end",
                    "status": status,
                    "exitCode": None,
                    "signal": None,
                    "duration": max(0.0, time.time() - self._started),
                }
                if error:
                    event["error"] = error

                self._record.append(event)
            elif status != "finished":
                event = {"type": "status", "status": status}
                if error:
                    event["reason"] = error

                self._record.append(event)

            self._record.close()
            problem = ledger.seal_record(self.store, self.id, self._record)
            if problem:
                sys.stderr.write("labbook: %s\n" % problem)

    def fail(self, exc_type, exc, tb):
        """Ends the run after an uncaught exception, keeping the traceback."""
        if issubclass(exc_type, KeyboardInterrupt):
            status = "killed"
        else:
            status = "failed"

        self.finish(status, "".join(traceback.format_exception(exc_type, exc, tb)))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        else:
            self.fail(exc_type, exc, tb)

        return False

    # Timer

    def _beat(self):
        path = os.path.join(self.dir, store.HEARTBEAT_FILE)
        try:
            os.utime(path)
        except FileNotFoundError:
            with open(path, "w"):
                pass
        except OSError:
            pass

    def _tick(self):
        last_beat = time.monotonic()
        reported = False
        while not self._stop.wait(FLUSH_SECONDS):
            try:
                self.flush()
            except OSError as error:
                # Once, not every second while the disk stays full.
                if not reported:
                    reported = True
                    sys.stderr.write("labbook: could not write run %s: %s\n" % (self.id, error))

            if self.owner and time.monotonic() - last_beat >= HEARTBEAT_SECONDS - FLUSH_SECONDS:
                self._beat()
                last_beat = time.monotonic()
