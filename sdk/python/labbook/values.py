"""Checks what a script passes in, so that bad input fails at the call with the key named,
and nothing that is already recorded is touched."""

import json
import math
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_TAGGED = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def check_key(key, what="metric"):
    """Raises unless ``key`` is a non-empty string without control characters."""
    if not isinstance(key, str):
        raise TypeError("%s key %r must be a string, not %s" % (what, key, type(key).__name__))

    if not key:
        raise ValueError("%s key must not be empty" % what)

    if _CONTROL.search(key):
        raise ValueError("%s key %r holds a control character such as a newline" % (what, key))


def metric_value(key, value):
    """The number to record for ``value``, or a TypeError naming the key."""
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        raise TypeError(
            "metric %r must be a number, not %s %r" % (key, type(value).__name__, value)
        )

    if isinstance(value, (int, float)):
        return value

    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(
            "metric %r must be a number, not %s" % (key, type(value).__name__)
        ) from None


def step_value(step):
    """The step as an int, or a TypeError."""
    if isinstance(step, bool) or not isinstance(step, int):
        try:
            index = step.__index__()
        except AttributeError:
            raise TypeError("step must be an integer, not %s" % type(step).__name__) from None

        return int(index)

    return step


def param_value(key, value, what="param"):
    """A param value as recorded: JSON scalars, with non-finite floats tagged."""
    if value is None or isinstance(value, (bool, str)):
        return value

    if isinstance(value, int):
        return value

    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": _TAGGED[repr(value)]}

    if hasattr(value, "item") and callable(value.item):
        return param_value(key, value.item(), what)

    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        raise TypeError(
            "%s %r has type %s, which is not JSON-serializable; pass a number, string, bool or None"
            % (what, key, type(value).__name__)
        ) from None

    raise TypeError(
        "%s %r has type %s; pass a number, string, bool or None (json.dumps a structure first)"
        % (what, key, type(value).__name__)
    )


def params_map(params, what="param"):
    """Checks a whole mapping before any of it is recorded."""
    if not hasattr(params, "items"):
        raise TypeError("%ss must be a dict, not %s" % (what, type(params).__name__))

    checked = {}
    for key, value in params.items():
        check_key(key, what)
        checked[key] = param_value(key, value, what)

    return checked


def tags_map(tags):
    """Tags are strings; None removes a tag."""
    if not hasattr(tags, "items"):
        raise TypeError("tags must be a dict, not %s" % type(tags).__name__)

    checked = {}
    for key, value in tags.items():
        check_key(key, "tag")
        if isinstance(value, (bool, int, float)):
            value = str(value)
        elif value is not None and not isinstance(value, str):
            raise TypeError(
                "tag %r must be text, a number or a bool, not %s" % (key, type(value).__name__)
            )

        checked[key] = value

    return checked
