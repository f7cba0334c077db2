"""Where runs live: the store folder, run ids and safe names inside a run folder.
The rules are those of docs/run-format.md, shared with the Node code."""

import hashlib
import json
import os
import re
import secrets
import time

STORE_FOLDER = ".labbook"
MAIN_RECORD = "events.jsonl"
HEARTBEAT_FILE = "heartbeat"

_WINDOWS_DEVICE = re.compile(
    r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])"
    r"[ .]*(\..*)?$",
    re.IGNORECASE,
)


def locate_store(env=None, cwd=None):
    """LABBOOK_STORE, else the nearest .labbook/ upward, else a new one in the current folder."""
    env = os.environ if env is None else env
    cwd = os.getcwd() if cwd is None else cwd
    explicit = env.get("LABBOOK_STORE")
    if explicit:
        return os.path.abspath(os.path.join(cwd, explicit))

    folder = os.path.abspath(cwd)
    while True:
        candidate = os.path.join(folder, STORE_FOLDER)
        if os.path.isdir(candidate):
            return candidate

        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.join(os.path.abspath(cwd), STORE_FOLDER)

        folder = parent


def ensure_store(root):
    os.makedirs(os.path.join(root, "runs"), exist_ok=True)
    os.makedirs(os.path.join(root, "trash"), exist_ok=True)


def run_dir(root, run_id):
    return os.path.join(root, "runs", run_id)


def new_run_id(started=None):
    """``YYYYMMDD-HHMMSS-mmm-rrrrrrrr``: UTC start to the millisecond and 32 random bits."""
    started = time.time() if started is None else started
    millis = int(started * 1000) % 1000
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(started))
    return "%s-%03d-%s" % (stamp, millis, secrets.token_hex(4))


def safe_relative_name(name):
    """The cleaned relative name, or a ValueError when it would leave the run folder."""
    if not isinstance(name, str) or not name or len(name) > 1020:
        raise ValueError("artifact name %r is empty or too long" % (name,))

    if re.search(r"[\x00-\x1f\x7f]", name):
        raise ValueError("artifact name %r holds control characters" % name)

    unified = name.replace("\\", "/")
    if unified.startswith("/") or re.match(r"^[A-Za-z]:", unified):
        raise ValueError("artifact name %r is absolute; give a relative name" % name)

    if unified.endswith("/") or os.path.normpath(unified) == ".":
        raise ValueError("artifact name %r names no file; give a file name" % name)

    parts = [part for part in os.path.normpath(unified).split(os.sep) if part]
    if any(part == ".." for part in parts):
        raise ValueError("artifact name %r climbs out of the run folder" % name)

    if any(_WINDOWS_DEVICE.match(part) for part in parts):
        raise ValueError("artifact name %r is a reserved device name" % name)

    return os.path.join(*parts)


def prepare_artifact_path(run_folder, name):
    """Makes the folders of artifact ``name`` and returns (relative path, target); a ValueError
    when a symlink inside the run folder would carry the copy out of its artifacts folder."""
    relative = os.path.join("artifacts", safe_relative_name(name))
    target = os.path.join(run_folder, relative)
    os.makedirs(os.path.dirname(target), exist_ok=True)

    artifacts = os.path.realpath(os.path.join(run_folder, "artifacts"))
    landing = os.path.realpath(os.path.dirname(target))
    run_real = os.path.realpath(run_folder)
    inside_run = os.path.commonpath([run_real, artifacts]) == run_real
    if not inside_run or os.path.commonpath([artifacts, landing]) != artifacts:
        raise ValueError(
            "artifact %r would be written through a symlink out of the run folder" % name
        )

    if os.path.islink(target):
        raise ValueError("artifact %r is a symlink in the run folder; remove it first" % name)

    return relative, target


def configured_env_allow(root):
    """Extra environment names that the store's config.json allows, or none."""
    try:
        with open(os.path.join(root, "config.json"), encoding="utf-8") as file:
            config = json.load(file)
        allow = config.get("env", {}).get("allow", [])
        return [name for name in allow if isinstance(name, str)]
    except (OSError, ValueError, AttributeError):
        return []


def file_sha256(path):
    """The SHA-256 hex digest and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)

    return digest.hexdigest(), size
