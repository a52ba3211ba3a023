"""Arguments to the native module's JSON text, and its results back to Python values."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Union, cast

from .errors import InvalidInput

#: A result document.
Json = dict[str, Any]
#: A document: a dict (or list) as ``json.loads`` gives it, or its JSON text.
Doc = Union[str, dict[str, Any], list[Any]]
#: A clock: None (the current UTC time), a timezone-aware datetime, or RFC 3339 UTC text.
Now = Union[None, datetime, str]


def text(doc: Doc, what: str) -> str:
    """``doc`` as JSON text: a str as it is, a dict or list serialised."""
    if isinstance(doc, str):
        return doc
    if isinstance(doc, (dict, list, tuple)):
        try:
            return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError) as e:
            raise InvalidInput(f"{what}: not serialisable as JSON: {e}") from None
    raise InvalidInput(f"{what}: expected a dict, a list or JSON text, not {type(doc).__name__}")


def optional_text(doc: Doc | None, what: str) -> str | None:
    """``text(doc)``, or None for None."""
    return None if doc is None else text(doc, what)


def instant(now: Now) -> str:
    """``now`` as the library's clock, ``YYYY-MM-DDTHH:MM:SSZ`` (UTC, whole seconds)."""
    if now is None:
        now = datetime.now(timezone.utc)
    if isinstance(now, str):
        return now
    if isinstance(now, datetime):
        if now.utcoffset() is None:
            raise InvalidInput("now: a naive datetime; give a timezone-aware one")
        return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    raise InvalidInput(f"now: expected None, a datetime or RFC 3339 text, not {type(now).__name__}")


def document(result: str) -> Json:
    """A result's JSON text (an object) as a dict."""
    return cast(Json, json.loads(result))


def documents(result: str) -> list[Json]:
    """A result's JSON text (an array of objects) as a list of dicts."""
    return cast(list[Json], json.loads(result))
