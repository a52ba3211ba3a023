"""The exceptions of zkcred: one class per kind of error, the library's one-line message."""

from __future__ import annotations


class ZkcredError(Exception):
    """Any error of a zkcred call; ``code`` names its kind (``invalid_input``, ...)."""

    code = "zkcred_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(ZkcredError):
    """A document is not JSON, has the wrong version or shape, or breaks a content rule."""

    code = "invalid_input"


class RequestRefused(ZkcredError):
    """The wallet refuses a request: its signature, scope, window or keys failed its checks."""

    code = "request_refused"


class CannotSatisfy(ZkcredError):
    """The wallet holds no credential that can answer the request."""

    code = "cannot_satisfy"


class PresentationRejected(ZkcredError):
    """The verifier rejects a presentation: a proof fails, a replay, another request."""

    code = "presentation_rejected"


class WrongPassphrase(ZkcredError):
    """A sealed wallet does not open under this passphrase (or the file was altered)."""

    code = "wrong_passphrase"


_BY_CODE = {
    cls.code: cls
    for cls in (InvalidInput, RequestRefused, CannotSatisfy, PresentationRejected, WrongPassphrase)
}


def error(code: str, message: str) -> ZkcredError:
    """The exception of the native module's error ``code`` (called by ``zkcred._zkcred``)."""
    return _BY_CODE.get(code, ZkcredError)(message)
