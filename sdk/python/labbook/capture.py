"""What a run records about where it ran: the environment through an allowlist with
secrets redacted, and the git state. The rules match the launcher's
(src/launch/environment.ts and git-state.ts); a cross-language test keeps them equal."""

import fnmatch
import getpass
import os
import re
import subprocess

DEFAULT_ENV_ALLOW = (
    "PATH",
    "PYTHONPATH",
    "PYTHONHASHSEED",
    "VIRTUAL_ENV",
    "CONDA_DEFAULT_ENV",
    "CONDA_PREFIX",
    "LANG",
    "LC_ALL",
    "TZ",
    "CUDA_*",
    "NVIDIA_VISIBLE_DEVICES",
    "HIP_VISIBLE_DEVICES",
    "OMP_*",
    "MKL_*",
    "OPENBLAS_NUM_THREADS",
    "TORCH_*",
    "PYTORCH_*",
    "TF_*",
    "XLA_*",
    "JAX_*",
    "HF_*",
    "NCCL_*",
    "WORLD_SIZE",
    "RANK",
    "LOCAL_RANK",
    "NODE_ENV",
    "NODE_OPTIONS",
    "LABBOOK_*",
)

_SECRET_NAME = re.compile(
    r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH|PRIVATE|COOKIE|SESSION"
    r"|SIGNATURE|DSN",
    re.IGNORECASE,
)

_URL_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]*:([^/\s@]+)@", re.IGNORECASE)

REDACTED = "[redacted]"
PATCH_FILE = "git.patch"
_MIN_SCRUB_LENGTH = 6


def current_user():
    """The login name the run is recorded under; "unknown" where none can be found."""
    try:
        return getpass.getuser()
    except Exception:
        return os.environ.get("USER") or "unknown"


def is_secret_name(name):
    return _SECRET_NAME.search(name) is not None


def redact_url_passwords(value):
    def replace(match):
        return match.group(0).replace(":%s@" % match.group(1), ":%s@" % REDACTED)

    return _URL_PASSWORD.sub(replace, value)


def recorded_environment(env, extra_allow=()):
    """The allowlisted variables, secrets redacted, sorted by name."""
    patterns = list(DEFAULT_ENV_ALLOW) + list(extra_allow)
    recorded = {}
    for name in sorted(env):
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            continue

        value = env[name]
        recorded[name] = REDACTED if is_secret_name(name) else redact_url_passwords(value)

    return recorded


def secret_values(env):
    """Values of secret-looking variables and passwords inside URLs, to keep out of files."""
    found = set()
    for name, value in env.items():
        if not value:
            continue

        if is_secret_name(name):
            found.add(value)

        for match in _URL_PASSWORD.finditer(value):
            found.add(match.group(1))

    return [secret for secret in found if len(secret) >= _MIN_SCRUB_LENGTH]


def _git(cwd, *args):
    try:
        done = subprocess.run(
            ("git",) + args,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None

    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def _changes_outside_store(status, top, store_root):
    inside = os.path.relpath(os.path.abspath(store_root), top).replace(os.sep, "/")
    in_repo = not inside.startswith("..") and inside != "."
    changes = []
    for line in status.split("\n"):
        if len(line) <= 3:
            continue

        path = line[3:].strip('"')
        if in_repo and (path == inside + "/" or path.startswith(inside + "/")):
            continue

        changes.append(line)

    return changes


def capture_git(cwd, store_root):
    """Returns (git state or None, patch text or None)."""
    top = (_git(cwd, "rev-parse", "--show-toplevel") or "").strip()
    if not top:
        return None, None

    commit = (_git(cwd, "rev-parse", "HEAD") or "").strip()
    branch = (_git(cwd, "symbolic-ref", "--quiet", "--short", "HEAD") or "").strip() or None
    remote = (_git(cwd, "remote", "get-url", "origin") or "").strip() or None
    status = _git(cwd, "status", "--porcelain=v1", "--untracked-files=normal") or ""
    dirty = len(_changes_outside_store(status, top, store_root)) > 0
    state = {
        "commit": commit,
        "branch": branch,
        "remote": redact_url_passwords(remote) if remote else None,
        "dirty": dirty,
    }

    patch = _git(cwd, "diff", "HEAD", "--binary") if dirty else None
    if patch:
        state["patch"] = PATCH_FILE

    return state, patch or None


def scrub(text, secrets):
    """Removes secret values from text that is about to be kept in the run folder."""
    for secret in secrets:
        text = text.replace(secret, REDACTED)

    return text
