"""One hash-chained JSON Lines record file, written by this process alone.

The format is docs/run-format.md: every line carries ``seq`` and ``time``, and ends with
``"hash"``, the SHA-256 of the previous line's hash, a newline and this line's body. The
hash covers the bytes exactly as written, so Node and Python writers need not agree on a
canonical JSON form.
"""

import hashlib
import json
import math
import os
import threading
import time

FORMAT_VERSION = 1

_ENCODER = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"))

_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def encode_metric(value):
    """A metric for JSON: the number, or the string the format uses for NaN and infinities."""
    if isinstance(value, float) and not math.isfinite(value):
        return _NON_FINITE[repr(value)]

    return value


def _metrics_with_strings(event):
    """A copy of a metrics event whose non-finite values are spelled as the format says."""
    values = {}
    for key, column in event["values"].items():
        if any(isinstance(v, float) and not math.isfinite(v) for v in column):
            column = [encode_metric(v) for v in column]

        values[key] = column

    return dict(event, values=values)


def encode_body(event):
    """The JSON body of an event, without the hash.

    Most batches hold only finite numbers, so they are encoded once, strictly; only a batch
    that turns out to hold NaN or an infinity is copied with those values as strings.
    """
    try:
        return _ENCODER.encode(event)
    except ValueError:
        if event.get("type") != "metrics":
            raise

        return _ENCODER.encode(_metrics_with_strings(event))


def chain(previous_hash, body):
    """Returns the line (with newline) and hash of a body that follows ``previous_hash``."""
    digest = hashlib.sha256((previous_hash + "\n" + body).encode("ascii")).hexdigest()
    return body[:-1] + ',"hash":"' + digest + '"}\n', digest


class RecordFile:
    """Appends numbered, chained events; created exclusively so no other process writes it."""

    def __init__(self, path):
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_BINARY", 0)
        self._fd = os.open(path, flags, 0o644)
        self._seq = 0
        self._hash = ""
        self._size = 0
        self._lock = threading.Lock()

    @property
    def head_hash(self):
        """The hash of the last line written."""
        return self._hash

    @property
    def closed(self):
        return self._fd is None

    @property
    def lines(self):
        """Lines written so far."""
        return self._seq

    @property
    def size(self):
        """The file's size in bytes once closed, for its seal in the ledger."""
        return self._size

    def append(self, *events):
        """Numbers, chains and writes events with one write call, so a crash tears at most
        the last line. Each event is a dict with ``type`` first and no ``seq``."""
        with self._lock:
            if self._fd is None:
                raise ValueError("the record file %s is already closed" % self.path)

            lines = []
            seq, head = self._seq, self._hash
            for fields in events:
                event = {"seq": seq, "time": fields.pop("time", None) or time.time()}
                event.update(fields)
                line, head = chain(head, encode_body(event))
                lines.append(line)
                seq += 1

            self._write("".join(lines).encode("ascii"))
            self._seq, self._hash = seq, head

    def append_metrics(self, steps, times_text, columns):
        """Appends a metrics event whose times are already JSON text (see Run's buffer)."""
        with self._lock:
            if self._fd is None:
                raise ValueError("the record file %s is already closed" % self.path)

            head = '{"seq":%d,"time":%r,"type":"metrics","steps":' % (self._seq, time.time())
            try:
                values = _ENCODER.encode(columns)
            except ValueError:
                values = _ENCODER.encode(_metrics_with_strings({"values": columns})["values"])

            # A batch is megabytes of text: joined, encoded and hashed once each, not copied
            # again by every concatenation.
            parts = [head, _ENCODER.encode(steps), ',"times":', times_text, ',"values":', values]
            body = ("".join(parts) + "}").encode("ascii")
            digest = hashlib.sha256(self._hash.encode("ascii") + b"\n")
            digest.update(body)
            line_hash = digest.hexdigest()
            tail = b',"hash":"' + line_hash.encode("ascii") + b'"}\n'
            self._write(b"".join([memoryview(body)[:-1], tail]))
            self._seq, self._hash = self._seq + 1, line_hash

    def _write(self, data):
        """Writes a batch whole or not at all: after a failed write (a full disk) the file is
        cut back to its last whole line, so a later batch never glues onto a torn one."""
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        except OSError:
            if len(view) < len(data):
                try:
                    os.ftruncate(self._fd, self._size)
                except OSError:
                    pass

            raise

        self._size += len(data)

    def close(self):
        with self._lock:
            if self._fd is not None:
                os.fsync(self._fd)
                self._size = os.fstat(self._fd).st_size
                os.close(self._fd)
                self._fd = None
