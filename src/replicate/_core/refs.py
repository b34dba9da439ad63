"""Model references: parsing ``owner/name[:version]`` and choosing the endpoint.

A prediction can target:

- a version: a 64-character id alone, or any non-empty text after ``owner/name:``
  (as in the 1.x client; whether that version exists is the server's to say):
  ``POST /predictions`` with ``{"version": id}``;
- a model, ``owner/name``: ``POST /models/{owner}/{name}/predictions``
  (runs the model's latest version, or the model itself for official models);
- a deployment, ``owner/name`` with ``deployment=True``:
  ``POST /deployments/{owner}/{name}/predictions``.

Model and version objects from the API (anything with ``owner`` and ``name``,
or with an ``id``) are accepted in place of strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Protocol, Union, runtime_checkable

from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .path_params import path_param

__all__ = [
    "Endpoint",
    "ModelLike",
    "ModelRef",
    "RefLike",
    "VersionLike",
    "deployment_prediction_endpoint",
    "parse_ref",
    "prediction_endpoint",
    "resolve_ref",
    "training_endpoint",
]

_VERSION_ID = re.compile(r"[0-9a-fA-F]{64}")
# Replicate names: letters, digits, dashes, underscores and periods.
_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_MODEL_REF = re.compile(rf"(?P<owner>{_NAME})/(?P<name>{_NAME})(?::(?P<version>.*))?", re.DOTALL)

# A model's page on the website, as copied from a browser's address bar.
_MODEL_PAGE = re.compile(
    rf"(?:https?://)?(?:www\.)?replicate\.com/(?P<owner>{_NAME})/(?P<name>{_NAME})"
    r"(?:/versions/(?P<version>[0-9a-fA-F]{64}))?/?(?:[?#].*)?$"
)

_EXPECTED = "expected 'owner/name' or 'owner/name:version' or a 64-character version id"


@runtime_checkable
class ModelLike(Protocol):
    """A model object: anything with ``owner`` and ``name``."""

    @property
    def owner(self) -> Optional[str]:
        """The user or organisation that owns the model (``None`` fails at run time)."""
        ...

    @property
    def name(self) -> Optional[str]:
        """The model's name (``None`` fails at run time)."""
        ...


@runtime_checkable
class VersionLike(Protocol):
    """A model version object: anything with a version ``id``."""

    @property
    def id(self) -> Optional[str]:
        """The version id (64 hex characters on Replicate; ``None`` fails at run time).

        Typed as the API's models declare it, so a version from ``versions.get`` passes.
        """
        ...


@dataclass(frozen=True)
class ModelRef:
    """A parsed reference: a model, a model at a version, or a bare version.

    ``owner`` and ``name`` are ``None`` for a bare version id; ``version`` is
    ``None`` for a model without a pinned version.
    """

    owner: Optional[str] = None
    name: Optional[str] = None
    version: Optional[str] = None

    def __post_init__(self) -> None:
        if (self.owner is None) != (self.name is None):
            raise InvalidArgumentError("a model reference needs both owner and name, or neither")
        if self.owner is None and self.version is None:
            raise InvalidArgumentError(f"{_EXPECTED}; got an empty reference")

    @property
    def model(self) -> Optional[str]:
        """``"owner/name"``, or ``None`` for a bare version id."""
        if self.owner is None:
            return None
        return f"{self.owner}/{self.name}"

    def __str__(self) -> str:
        if self.model is None:
            return self.version or ""
        return self.model if self.version is None else f"{self.model}:{self.version}"


RefLike = Union[str, ModelRef, ModelLike, VersionLike]


def _bad_ref(ref: str, why: str = "") -> InvalidArgumentError:
    shown = ref if len(ref) <= 80 else ref[:77] + "..."
    return InvalidArgumentError(f"{_EXPECTED}; got {shown!r}{why}")


def parse_ref(ref: str) -> ModelRef:
    """Parse ``owner/name``, ``owner/name:version`` or a bare 64-character version id.

    The version after ``:`` may be any non-empty text, as the 1.x client took it; it
    is sent as given. A bare version (without ``owner/name:``) must be 64 hex
    characters, since anything else is more likely a mistyped model name.

    Raises:
        ValueError: the string is none of these; the message shows it and why.
        TypeError: ``ref`` is not a string.

    Example::

        >>> parse_ref("meta/meta-llama-3-8b-instruct")
        ModelRef(owner='meta', name='meta-llama-3-8b-instruct', version=None)
    """
    if not isinstance(ref, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise ArgumentTypeError(f"{_EXPECTED}; got a {type(ref).__name__}")
    text = ref.strip()
    if _VERSION_ID.fullmatch(text):
        return ModelRef(version=text)
    found = _MODEL_REF.fullmatch(text)
    page = _MODEL_PAGE.match(text)
    if found is None and page is not None:
        version = f":{page['version']}" if page["version"] else ""
        raise _bad_ref(
            ref, f" (a model page's URL: pass {page['owner'] + '/' + page['name'] + version!r})"
        )
    if found is None:
        if "/" not in text and ":" not in text and text:
            hint = (
                " (a version id is 64 hex characters)"
                if re.fullmatch(r"[0-9a-fA-F]+", text)
                else ""
            )
            raise _bad_ref(ref, hint)
        raise _bad_ref(ref)
    version = found["version"]
    if version == "":
        raise _bad_ref(ref, " (the version after ':' is empty)")
    return ModelRef(owner=found["owner"], name=found["name"], version=version)


def resolve_ref(ref: RefLike) -> ModelRef:
    """Turn a string, :class:`ModelRef`, model object or version object into a :class:`ModelRef`.

    A model object (``owner`` and ``name``) gives an unpinned reference, so the
    model's latest version runs; an object with a string ``version`` attribute
    is pinned to it. A version object (``id`` only) gives a bare version, whatever
    its id looks like (the server judges it).

    Raises:
        ValueError: a string that :func:`parse_ref` refuses, or an object with an empty id.
        TypeError: anything else.
    """
    if isinstance(ref, ModelRef):
        return ref
    if isinstance(ref, str):
        return parse_ref(ref)
    owner, name = getattr(ref, "owner", None), getattr(ref, "name", None)
    if isinstance(owner, str) and isinstance(name, str):
        version = getattr(ref, "version", None)
        pinned = parse_ref(
            f"{owner}/{name}:{version}" if isinstance(version, str) else f"{owner}/{name}"
        )
        return pinned
    version_id = getattr(ref, "id", None)
    if isinstance(version_id, str):
        if not version_id:
            raise InvalidArgumentError(f"{_EXPECTED}; got a {type(ref).__name__} with an empty id")
        return ModelRef(version=version_id)
    raise ArgumentTypeError(
        f"{_EXPECTED}, or a model or version object; got a {type(ref).__name__}"
    )


@dataclass(frozen=True)
class Endpoint:
    """Where to send a create request (prediction or training) for a reference."""

    operation_id: str
    """The API operation: ``predictions.create``, ``models.predictions.create``,
    ``deployments.predictions.create`` or ``trainings.create``."""
    path: str
    """The request path, e.g. ``/models/meta/llama/predictions``."""
    path_params: dict[str, str]
    """The path parameters by their names in the API description."""
    version: Optional[str]
    """The ``version`` to put in the request body, for ``predictions.create``."""
    method: str = "POST"


def prediction_endpoint(ref: RefLike, *, deployment: bool = False) -> Endpoint:
    """Choose the create-prediction endpoint for ``ref``.

    With ``deployment=True``, ``ref`` names a deployment (``owner/name``, no
    version). Raises ``ValueError`` for a reference the endpoint cannot take.

    Example::

        >>> prediction_endpoint("black-forest-labs/flux-schnell").path
        '/models/black-forest-labs/flux-schnell/predictions'
    """
    if deployment:
        return deployment_prediction_endpoint(ref)
    parsed = resolve_ref(ref)
    if parsed.version is not None:
        return Endpoint(
            operation_id="predictions.create",
            path="/predictions",
            path_params={},
            version=parsed.version,
        )
    owner, name = parsed.owner or "", parsed.name or ""  # both set when there is no version
    return Endpoint(
        operation_id="models.predictions.create",
        path=f"/models/{owner}/{name}/predictions",
        path_params={"model_owner": owner, "model_name": name},
        version=None,
    )


def deployment_prediction_endpoint(ref: RefLike) -> Endpoint:
    """The create-prediction endpoint of the deployment ``owner/name``."""
    try:
        parsed = resolve_ref(ref)
    except ValueError:
        parsed = None
    if parsed is None or parsed.owner is None or parsed.name is None or parsed.version is not None:
        shown = ref if isinstance(ref, str) else str(parsed or type(ref).__name__)
        raise InvalidArgumentError(
            f"expected a deployment as 'deployment-owner/deployment-name'; got {shown!r}"
            + (" (a deployment runs its own pinned version)" if parsed and parsed.version else "")
        )
    return Endpoint(
        operation_id="deployments.predictions.create",
        path=f"/deployments/{parsed.owner}/{parsed.name}/predictions",
        path_params={"deployment_owner": parsed.owner, "deployment_name": parsed.name},
        version=None,
    )


def training_endpoint(ref: RefLike) -> Endpoint:
    """The create-training endpoint for ``owner/name:version`` (a training needs all three).

    Raises:
        ValueError: the model or version is missing, or the version cannot be a URL
            path segment (it contains ``/``, or is ``.`` or ``..``).
    """
    parsed = resolve_ref(ref)
    if parsed.owner is None or parsed.name is None or parsed.version is None:
        raise InvalidArgumentError(
            f"a training needs 'owner/name:version' (model and version); got {str(parsed)!r}"
        )
    path_param("version_id", parsed.version)
    return Endpoint(
        operation_id="trainings.create",
        path=f"/models/{parsed.owner}/{parsed.name}/versions/{parsed.version}/trainings",
        path_params={
            "model_owner": parsed.owner,
            "model_name": parsed.name,
            "version_id": parsed.version,
        },
        version=None,
    )
