"""zkcred: privacy-preserving credentials (BBS signatures with Groth16 predicate proofs).

Every document argument takes a dict (or list) or its JSON text; every result is a dict,
except the wallet, which stays JSON text (a secret: store it sealed, see ``seal_wallet``).
``now`` takes None (the current UTC time), a timezone-aware datetime, or RFC 3339 UTC text
``YYYY-MM-DDTHH:MM:SSZ``. Errors raise a ``ZkcredError`` subclass. The documents are those
of the project's ``docs/FORMATS.md``. The native calls release the GIL.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import _zkcred
from ._convert import Doc, Json, Now, document, documents, instant, optional_text, text
from .errors import (
    CannotSatisfy,
    InvalidInput,
    PresentationRejected,
    RequestRefused,
    WrongPassphrase,
    ZkcredError,
)

__all__ = [
    "CannotSatisfy",
    "Doc",
    "InvalidInput",
    "Json",
    "Now",
    "PresentationRejected",
    "RequestRefused",
    "Verifier",
    "Wallet",
    "WrongPassphrase",
    "ZkcredError",
    "accept_credential",
    "check_key",
    "describe_request",
    "issue",
    "list_credentials",
    "make_request",
    "new_issuer",
    "new_verifier",
    "new_wallet",
    "open_wallet",
    "present",
    "read_request_object",
    "request_issuance",
    "seal_wallet",
    "trust_registry",
    "verifier_registry",
]


# The holder.


def new_wallet() -> str:
    """An empty wallet with a fresh holder secret: its JSON text (secret)."""
    return Wallet.create().text()


def request_issuance(wallet: str, schema: Doc, issuer: Doc) -> tuple[str, Json]:
    """Asks ``issuer`` (its public info) for a credential of ``schema``.

    Returns the wallet, which keeps the request's secrets as a pending issuance, and the
    issuance request to send to the issuer.
    """
    w = Wallet.open(wallet)
    request = w.request_issuance(schema, issuer)
    return w.text(), request


def accept_credential(wallet: str, issued: Doc, schema: Doc, issuer: Doc) -> tuple[str, str]:
    """Stores an issued credential answering one of the wallet's pending requests.

    Returns the wallet with the credential and the credential's id (hex).
    """
    w = Wallet.open(wallet)
    credential_id = w.accept_credential(issued, schema, issuer)
    return w.text(), credential_id


def list_credentials(wallet: str) -> list[Json]:
    """The stored credentials: ``[{id, schema, schema_id, issuer, issued_on, expires_on,
    attributes}]``, for the holder's eyes."""
    return Wallet.open(wallet).list_credentials()


def seal_wallet(wallet: str, passphrase: str) -> Json:
    """The wallet encrypted under ``passphrase`` (PBKDF2-HMAC-SHA256, AES-256-GCM)."""
    return document(_zkcred.seal_wallet(text(wallet, "wallet"), passphrase))


def open_wallet(sealed: Doc, passphrase: str) -> str:
    """The wallet inside ``sealed``; raises ``WrongPassphrase`` if it does not open."""
    return _zkcred.open_wallet(text(sealed, "sealed wallet"), passphrase)


def describe_request(
    wallet: str,
    signed_request: Doc,
    verifiers: Doc,
    issuers: Doc | None = None,
    now: Now = None,
) -> Json:
    """Checks a signed request as ``present`` would, then describes it for consent.

    ``verifiers`` is the wallet's verifier registry, ``issuers`` its trust registry (for
    hidden issuers). Returns ``{request_id, verifier, made_at, valid_until,
    pseudonym_scope, same_holder, credentials: [{label, schema, issuers, proven,
    disclosed, hidden, candidates, ...}], lines}``.
    """
    return Wallet.open(wallet).describe_request(signed_request, verifiers, issuers, now)


def present(
    wallet: str,
    signed_request: Doc,
    verifiers: Doc,
    keys: Doc,
    issuers: Doc | None = None,
    now: Now = None,
) -> Json:
    """Answers a signed request: the presentation to send to the verifier.

    The request's signature and scope are checked against ``verifiers``, its window on
    ``now`` and ``keys`` (the predicate key set, or a list of one-pair key sets) against
    their circuits before anything is proven.
    """
    return Wallet.open(wallet).present(signed_request, verifiers, keys, issuers, now)


def read_request_object(request_uri: str, obj: Doc) -> Json:
    """Reads a gateway's request object fetched from ``request_uri``.

    Returns ``{signed_request, keys: [{digest, uri}], response_uri}``, every URL on the
    request URI's origin (``RequestRefused`` otherwise).
    """
    read = document(_zkcred.read_request_object(request_uri, text(obj, "request object")))
    read["signed_request"] = document(read["signed_request"])
    return read


def check_key(key: Doc, digest: str) -> None:
    """Checks a key document fetched by digest: one key pair with that digest."""
    _zkcred.check_key(text(key, "key"), digest)


class Wallet:
    """A wallet read once (every credential's signature checked) and kept while the program
    uses it: the holder's calls without re-reading the wallet's text at every call. Its
    secrets are wiped when the object is collected; ``text()`` gives the document to store
    (sealed: ``seal(passphrase)``)."""

    def __init__(self, handle: _zkcred.WalletHandle) -> None:
        """Use ``Wallet.create()``, ``Wallet.open(text)`` or ``Wallet.open_sealed(...)``."""
        self._handle = handle

    @classmethod
    def create(cls) -> Wallet:
        """An empty wallet with a fresh holder secret."""
        return cls(_zkcred.WalletHandle.create())

    @classmethod
    def open(cls, wallet: str) -> Wallet:
        """Reads a wallet's JSON text."""
        return cls(_zkcred.WalletHandle.open(text(wallet, "wallet")))

    @classmethod
    def open_sealed(cls, sealed: Doc, passphrase: str) -> Wallet:
        """Opens a sealed wallet; raises ``WrongPassphrase`` if it does not open."""
        return cls(_zkcred.WalletHandle.open_sealed(text(sealed, "sealed wallet"), passphrase))

    def text(self) -> str:
        """The wallet's JSON text (secret)."""
        return self._handle.text()

    def seal(self, passphrase: str) -> Json:
        """The wallet encrypted under ``passphrase``."""
        return document(self._handle.seal(passphrase))

    def request_issuance(self, schema: Doc, issuer: Doc) -> Json:
        """Asks ``issuer`` for a credential of ``schema``: the issuance request (store the
        wallet before sending it: it holds the request's secrets)."""
        return document(
            self._handle.request_issuance(text(schema, "schema"), text(issuer, "issuer"))
        )

    def accept_credential(self, issued: Doc, schema: Doc, issuer: Doc) -> str:
        """Stores an issued credential answering a pending request: its id."""
        return self._handle.accept_credential(
            text(issued, "issued credential"), text(schema, "schema"), text(issuer, "issuer")
        )

    def list_credentials(self) -> list[Json]:
        """The stored credentials, as ``list_credentials``."""
        return documents(self._handle.list_credentials())

    def describe_request(
        self,
        signed_request: Doc,
        verifiers: Doc,
        issuers: Doc | None = None,
        now: Now = None,
    ) -> Json:
        """Checks and describes a signed request, as ``describe_request``."""
        return document(
            self._handle.describe_request(
                text(signed_request, "request"),
                text(verifiers, "verifier registry"),
                optional_text(issuers, "trust registry"),
                instant(now),
            )
        )

    def present(
        self,
        signed_request: Doc,
        verifiers: Doc,
        keys: Doc,
        issuers: Doc | None = None,
        now: Now = None,
    ) -> Json:
        """Answers a signed request, as ``present``."""
        return document(
            self._handle.present(
                text(signed_request, "request"),
                text(verifiers, "verifier registry"),
                text(keys, "keys"),
                optional_text(issuers, "trust registry"),
                instant(now),
            )
        )


# The issuer.


def new_issuer(
    name: str,
    tier: str,
    jurisdiction: str,
    jurisdiction_name: str | None = None,
    suite: str = "sha256",
    hiding: bool = False,
) -> tuple[Json, Json]:
    """A new issuing authority: (its key file, secret; its public info).

    ``tier`` is ``commune``, ``district``, ``province`` or ``national``; ``suite``
    ``sha256`` or ``shake256``; ``hiding`` publishes a key for issuer-hiding proofs.
    """
    spec: Json = {"name": name, "tier": tier, "jurisdiction": jurisdiction, "suite": suite}
    if jurisdiction_name is not None:
        spec["jurisdiction_name"] = jurisdiction_name
    if hiding:
        spec["hiding"] = True
    key, public = _zkcred.new_issuer(text(spec, "issuer spec"))
    return document(key), document(public)


def issue(issuer_key: Doc, schema: Doc, request: Doc, content: Doc) -> Json:
    """Issues a credential of ``schema`` to a holder's issuance request.

    ``content`` is ``{"attributes": {name: value}, "issued_on": "YYYY-MM-DD",
    "expires_on": "YYYY-MM-DD"}``; the request's proof is checked before signing.
    """
    return document(
        _zkcred.issue(
            text(issuer_key, "issuer key"),
            text(schema, "schema"),
            text(request, "issuance request"),
            text(content, "content"),
        )
    )


# The verifier.


def new_verifier(id: str, name: str, scopes: Sequence[str] = ()) -> tuple[Json, Json]:
    """A new verifier owning the pseudonym ``scopes``: (its key file, secret; its public
    info)."""
    spec = {"id": id, "name": name, "scopes": list(scopes)}
    key, public = _zkcred.new_verifier(text(spec, "verifier spec"))
    return document(key), document(public)


def verifier_registry(verifiers: Doc) -> Json:
    """A verifier registry (who a wallet answers) of a list of verifier public infos."""
    return document(_zkcred.verifier_registry(text(verifiers, "verifiers")))


def trust_registry(entries: Doc) -> Json:
    """A trust registry of ``[{"issuer": public info, "schemas": [schema id, ...]}]``."""
    return document(_zkcred.trust_registry(text(entries, "registry entries")))


def make_request(
    verifier_key: Doc,
    spec: Doc,
    schemas: Doc,
    registry: Doc | None = None,
    keys: Doc | None = None,
    now: Now = None,
    valid_for_secs: int = 600,
) -> tuple[Json, Json]:
    """A signed presentation request from a request spec, and the predicate keys it needs.

    ``schemas`` is a list of schemas; ``registry`` (a trust registry) resolves hidden
    issuers' sets; ``keys`` is an earlier key set to extend (Groth16 setup runs only for
    new circuits). The request is answerable from ``now`` for ``valid_for_secs`` seconds.
    Returns (signed request, key set).
    """
    signed, made_keys = _zkcred.make_request(
        text(verifier_key, "verifier key"),
        text(spec, "spec"),
        text(schemas, "schemas"),
        optional_text(registry, "trust registry"),
        optional_text(keys, "keys"),
        instant(now),
        valid_for_secs,
    )
    return document(signed), document(made_keys)


class Verifier:
    """A verifier's state across presentations; each nonce is accepted once, so a replay
    is refused for this object's lifetime."""

    def __init__(self, own: Doc, registry: Doc, schemas: Doc, keys: Doc) -> None:
        """A verifier over its public info, trust registry, schemas and key set."""
        self._session = _zkcred.VerifierSession(
            text(own, "verifier"),
            text(registry, "trust registry"),
            text(schemas, "schemas"),
            text(keys, "keys"),
        )

    def verify(self, signed_request: Doc, presentation: Doc, now: Now = None) -> Json:
        """What the verifier learns from ``presentation`` answering its ``signed_request``:
        the request's signature and window, then the proofs; ``PresentationRejected``
        otherwise."""
        return document(
            self._session.verify(
                text(signed_request, "request"),
                text(presentation, "presentation"),
                instant(now),
            )
        )
