"""Labbook's Python SDK: record a run's params, metrics, tags and artifacts.

    import labbook
    run = labbook.init(name=None, experiment=None, params=None, tags=None)
    labbook.log({"loss": 0.31, "acc": 0.9}, step=None)
    labbook.log_params({...}); labbook.set_tags({...})
    labbook.log_artifact(path, name=None)
    labbook.log_input(path)
    labbook.finish()

Started by ``labbook run`` (or the VS Code extension), ``init()`` attaches to that run
through LABBOOK_RUN_ID and LABBOOK_STORE. Otherwise it creates a run in the nearest
``.labbook/`` store. Standard library only.
"""

import atexit
import os
import sys
import threading
import warnings

from . import store
from .run import Run

__all__ = ["init", "log", "log_params", "set_tags", "log_artifact", "log_input", "finish", "Run"]
__version__ = "0.1.0"

_current = None
# The record has no event that moves a run to another experiment once it has started.
_ATTACHED_EXPERIMENT = (
    "experiment %r is ignored: this run was started by labbook run or the editor, which set "
    "its experiment; pass --experiment to labbook run instead"
)
_guard = threading.Lock()
_hooks_installed = False


def _install_hooks():
    global _hooks_installed
    if _hooks_installed:
        return

    _hooks_installed = True
    previous = sys.excepthook

    def excepthook(exc_type, exc, tb):
        try:
            run = _current
            if run is not None and not run._forked:
                run.fail(exc_type, exc, tb)
        finally:
            previous(exc_type, exc, tb)

    sys.excepthook = excepthook
    atexit.register(_at_exit)


def _at_exit():
    run = _current
    if run is not None and not run._forked:
        try:
            run.finish()
        except OSError as error:
            # A full disk at exit: say so in one line; the record before it is intact.
            sys.stderr.write("labbook: could not finish run %s: %s\n" % (run.id, error))


def init(name=None, experiment=None, params=None, tags=None):
    """Starts or attaches to a run and makes it the current one. Returns the Run, which also
    works as a context manager that finishes it (or marks it failed on an exception)."""
    global _current
    with _guard:
        if _current is not None and not _current._ended and not _current._forked:
            if params:
                _current.log_params(params)

            if tags:
                _current.set_tags(tags)

            return _current

        run_id = os.environ.get("LABBOOK_RUN_ID")
        root = store.locate_store()
        if run_id and os.path.isdir(store.run_dir(root, run_id)):
            if experiment:
                warnings.warn(_ATTACHED_EXPERIMENT % experiment, stacklevel=2)

            _current = Run.attach(root, run_id, name=name, params=params, tags=tags)
        else:
            if run_id:
                warnings.warn(
                    "LABBOOK_RUN_ID names run %s, which is not in %s; starting a new run"
                    % (run_id, root)
                )

            _current = Run.create(root, name=name, experiment=experiment, params=params, tags=tags)

        _install_hooks()
        return _current


def _run():
    run = _current
    if run is None or run._ended:
        return init()

    if run._forked:
        # A forked worker must not write into its parent's file: it becomes a writer of
        # its own on the same run.
        return _reattach_after_fork(run)

    return run


def _reattach_after_fork(parent):
    global _current
    with _guard:
        _current = Run.attach(parent.store, parent.id)
        return _current


def log(metrics, step=None):
    """Logs a row of metrics, e.g. ``log({"loss": 0.31, "acc": 0.9})``. The step counts up
    from the last one when omitted. Bad input raises ValueError or TypeError naming the key;
    nothing already logged is lost."""
    run = _current
    if run is None or run._ended or run._forked:
        run = _run()

    run.log(metrics, step)


def log_params(params):
    """Records params (numbers, strings, bools, None)."""
    _run().log_params(params)


def set_tags(tags):
    """Sets tags; a value of None removes the tag."""
    _run().set_tags(tags)


def log_artifact(path, name=None):
    """Copies a file into the run and records its SHA-256; returns the copy's path."""
    return _run().log_artifact(path, name)


def log_input(path):
    """Records a file the run reads (its absolute path and SHA-256), so that ``labbook
    reproduce`` can check it is unchanged; returns the hash."""
    return _run().log_input(path)


def finish():
    """Flushes and ends the current run, and seals its record in the store's ledger.
    Also happens at normal exit."""
    run = _current
    if run is not None:
        run.finish()
