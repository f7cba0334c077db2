"""The store-wide ledger, ``.labbook/ledger.jsonl``: a hash-chained line per closed record
file with its line count, size and final hash (docs/run-format.md, "Ledger").

It is the one file of a store with many writers, so appends take turns through the lock
file ``ledger.jsonl.lock``, with the same protocol as the Node writer
(src/store/ledger-lock.ts): create it exclusively, append one line, remove it. A holder
keeps it for milliseconds, so a lock older than ten seconds, or whose process on this
host is gone, is stale and may be broken.
"""

import json
import os
import random
import re
import secrets
import socket
import time

from .record import chain, encode_body

LEDGER_FILE = "ledger.jsonl"
STALE_LOCK_SECONDS = 10.0
WAIT_SECONDS = 15.0
TAIL_BYTES = 64 * 1024

_HASH_SUFFIX = re.compile(r',"hash":"([0-9a-f]{64})"\}$')


class LedgerError(Exception):
    """The ledger could not be appended to; the record file itself is unharmed."""


def _create_exclusive(path, content):
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False

    try:
        os.write(fd, content.encode("utf-8"))
    finally:
        os.close(fd)

    return True


def _read_holder(path):
    try:
        with open(path, encoding="utf-8") as file:
            value = json.load(file)
        if isinstance(value.get("pid"), int) and isinstance(value.get("host"), str):
            return value
    except (OSError, ValueError, AttributeError):
        pass

    return None


def _age(path):
    try:
        return time.time() - os.stat(path).st_mtime
    except FileNotFoundError:
        return None


def _process_exists(pid):
    try:
        os.kill(pid, 0)
        return True
    except PermissionError:
        return True
    except (ProcessLookupError, OverflowError):
        return False


def _is_stale(path, holder):
    age = _age(path)
    if age is not None and age > STALE_LOCK_SECONDS:
        return True

    return bool(
        holder and holder["host"] == socket.gethostname() and not _process_exists(holder["pid"])
    )


def _unlink_quietly(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _break_stale_lock(path, stale):
    """Removes the lock only while it is still the one judged stale, under a second lock
    so that two breakers cannot both remove a lock that was just taken afresh."""
    guard = path + ".break"
    guard_age = _age(guard)
    if guard_age is not None and guard_age > STALE_LOCK_SECONDS:
        _unlink_quietly(guard)

    if not _create_exclusive(guard, str(os.getpid())):
        return

    try:
        now = _read_holder(path)
        same = (now or {}).get("token") == stale.get("token") if stale else now is None
        if same and _is_stale(path, now):
            _unlink_quietly(path)
    finally:
        _unlink_quietly(guard)


class _Lock:
    def __init__(self, path):
        self.path = path
        self.token = secrets.token_hex(8)

    def __enter__(self):
        me = {"pid": os.getpid(), "host": socket.gethostname(), "token": self.token}
        deadline = time.monotonic() + WAIT_SECONDS
        wait = 0.001
        while not _create_exclusive(self.path, json.dumps(dict(me, time=time.time()))):
            holder = _read_holder(self.path)
            if _is_stale(self.path, holder):
                _break_stale_lock(self.path, holder)
                continue

            if time.monotonic() > deadline:
                who = "another process"
                if holder:
                    who = "process %s on %s" % (holder["pid"], holder["host"])
                raise LedgerError(
                    "the ledger lock %s is held by %s; remove it if that process is gone"
                    % (self.path, who)
                )

            time.sleep(wait + random.random() * wait)
            wait = min(wait * 2, 0.05)

        return self

    def __exit__(self, *exc):
        if (_read_holder(self.path) or {}).get("token") == self.token:
            _unlink_quietly(self.path)

        return False


def _read_tail(fd):
    """The (seq, hash) after the last complete line; a torn last line, left by a writer
    that died in mid-write, is cut off, since the caller holds the lock."""
    size = os.fstat(fd).st_size
    if size == 0:
        return -1, ""

    length = min(size, TAIL_BYTES)
    os.lseek(fd, size - length, os.SEEK_SET)
    tail = os.read(fd, length)
    end = tail.rfind(b"\n")
    if end != length - 1:
        if end == -1 and size > length:
            raise LedgerError("the ledger ends in a line too long to be a seal; run labbook verify")

        os.ftruncate(fd, size - length + end + 1)
        if end == -1:
            return -1, ""

    start = tail.rfind(b"\n", 0, end) + 1
    if start == 0 and size > length:
        raise LedgerError("the ledger ends in a line too long to be a seal; run labbook verify")

    line = tail[start:end].decode("utf-8", "replace")
    match = _HASH_SUFFIX.search(line)
    try:
        seq = json.loads(line).get("seq") if match else None
    except ValueError:
        seq = None

    if not isinstance(seq, int):
        raise LedgerError("the last line of the ledger is damaged; run labbook verify")

    return seq, match.group(1)


def append_seal(root, run_id, file_name, lines, size, head):
    """Appends a seal for a closed record file to the store's ledger."""
    path = os.path.join(root, LEDGER_FILE)
    with _Lock(path + ".lock"):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o644)
        try:
            seq, previous = _read_tail(fd)
            event = {
                "seq": seq + 1,
                "time": time.time(),
                "type": "seal",
                "run": run_id,
                "file": file_name,
                "lines": lines,
                "bytes": size,
                "head": head,
            }
            line, _ = chain(previous, encode_body(event))
            data = line.encode("ascii")
            while data:
                data = data[os.write(fd, data) :]

            os.fsync(fd)
        finally:
            os.close(fd)


def seal_record(root, run_id, record):
    """Seals a closed RecordFile. Returns why it could not be sealed, or None: a failed seal
    leaves the record intact, and ``labbook verify`` lists the file as unsealed."""
    try:
        name = os.path.basename(record.path)
        append_seal(root, run_id, name, record.lines, record.size, record.head_hash)
        return None
    except (OSError, LedgerError) as error:
        return "the record %s was closed but not sealed in the ledger: %s" % (record.path, error)
