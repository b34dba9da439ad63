"""How names in the generated code derive from operationIds and schema names."""

from __future__ import annotations

import re

__all__ = [
    "IRREGULAR_SINGULARS",
    "class_name",
    "method_name",
    "operation_parts",
    "pascal_case",
    "resource_path",
    "singular",
    "type_name",
    "types_module",
]

# Singular forms where dropping a trailing "s" is wrong or there is no plural.
IRREGULAR_SINGULARS: dict[str, str] = {
    "account": "account",
    "hardware": "hardware",
    "readme": "readme",
    "secret": "secret",
    "default": "default",
    "search": "search",
}


def pascal_case(name: str) -> str:
    """``prediction_response`` or ``cancel-after`` → ``PredictionResponse`` / ``CancelAfter``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s.]+", name) if part)


def singular(word: str) -> str:
    """The singular of a resource name as 2.x spells it in type names (``versions`` → ``version``)."""
    if word in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[word]
    return word[:-1] if word.endswith("s") else word


def operation_parts(operation_id: str) -> list[str]:
    """``models.versions.get`` → ``["models", "versions", "get"]``."""
    return operation_id.split(".")


def resource_path(operation_id: str) -> tuple[str, ...]:
    """The resource an operation belongs to: ``("models", "versions")``; ``()`` at the root."""
    return tuple(operation_parts(operation_id)[:-1])


def method_name(operation_id: str) -> str:
    """The method name: the last part of the operationId."""
    return operation_parts(operation_id)[-1]


def types_module(operation_id: str) -> tuple[str, ...]:
    """Where 2.x users import the operation's types from, below ``replicate.types``.

    ``models.versions.get`` → ``("models",)``; ``webhooks.default.secret.get`` →
    ``("webhooks", "default")``; top-level resources → ``()``.
    """
    return tuple(operation_parts(operation_id)[:-2])


def type_name(operation_id: str, suffix: str) -> str:
    """2.x's per-operation type name: ``models.versions.get`` + ``Response`` → ``VersionGetResponse``."""
    parts = operation_parts(operation_id)
    if len(parts) == 1:
        return pascal_case(parts[0]) + suffix
    return pascal_case(singular(parts[-2])) + pascal_case(parts[-1]) + suffix


def class_name(resource: tuple[str, ...]) -> str:
    """Resource class name: ``("models", "versions")`` → ``AsyncVersionsResource``."""
    return "Async" + pascal_case(resource[-1]) + "Resource"
