"""The static description of one API operation, built once at import by generated code."""

from __future__ import annotations

from dataclasses import dataclass

from typing_extensions import Literal

__all__ = ["Operation"]


@dataclass(frozen=True)
class Operation:
    """What the transport needs to know about an operation beyond the call's arguments.

    ``creates`` marks a POST that creates something (a prediction, a training, a model,
    a deployment, a file): it is resent only when the first attempt provably never
    reached the server or the server said it did not process it.
    ``response`` says how to read the answer: a JSON document, nothing (204), raw
    bytes to be streamed by the caller, or plain text (a model's README).
    ``request`` says how the body is sent: JSON, multipart form data (file uploads; the
    ``files`` mapping holds the file parts), or plain text (the ``QUERY /models`` search).
    ``file_inputs`` names the body fields that hold a model's inputs: the local files in
    them are uploaded (or inlined) by the client before the request is built.
    """

    id: str
    method: str
    path: str
    creates: bool = False
    response: Literal["json", "empty", "binary", "text"] = "json"
    request: Literal["json", "multipart", "text"] = "json"
    file_inputs: tuple[str, ...] = ()

    def url_path(self, path_params: dict[str, str]) -> str:
        """The path with its ``{name}`` placeholders filled in and percent-encoded."""
        from urllib.parse import quote

        path = self.path
        for name, value in path_params.items():
            path = path.replace("{" + name + "}", quote(value, safe=""))
        return path
