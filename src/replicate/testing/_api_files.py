"""Handlers for the Files API and for the separate host that serves model output files."""

from __future__ import annotations

from functools import partial

from ._files import receive_upload, verify_download
from ._http import Problem, Request, Response, json_response
from ._pagination import paginate
from ._render import render_file
from ._routing import Router
from ._state import State
from ._store import FileRecord, StoredFile

__all__ = ["register_file_routes", "serve_output_file"]


def _file(state: State, request: Request) -> FileRecord:
    file_id = request.path_params["file_id"]
    record = state.store.files.get(file_id)
    if record is not None and record.expires_at <= state.clock.now():
        del state.store.files[file_id]  # expired files are gone for good
        record = None
    if record is None:
        raise Problem(404, "Not found", f"The file {file_id} does not exist.")
    return record


async def create_file(state: State, request: Request) -> Response:
    now = state.clock.now()
    record = await receive_upload(
        request.body, request.header("content-type"), state.username, now, state.file_lifetime
    )
    state.store.files[record.stored.id] = record
    return json_response(201, render_file(record, request.base_url))


async def list_files(state: State, request: Request) -> Response:
    now = state.clock.now()
    records = [r for r in reversed(state.store.files.values()) if r.expires_at > now]
    return json_response(
        200, paginate(request, records, state.page_size, lambda r: render_file(r, request.base_url))
    )


async def get_file(state: State, request: Request) -> Response:
    return json_response(200, render_file(_file(state, request), request.base_url))


async def delete_file(state: State, request: Request) -> Response:
    record = _file(state, request)
    del state.store.files[record.stored.id]
    return Response(204)


def _content_response(stored: StoredFile) -> Response:
    headers = [
        ("content-type", stored.content_type),
        ("content-disposition", f'inline; filename="{stored.filename}"'),
    ]
    return Response(200, headers, stored.content)


async def download_file(state: State, request: Request) -> Response:
    record = _file(state, request)
    verify_download(state.files_secret, record, request.query, state.clock.now())
    return _content_response(record.stored)


async def serve_output_file(state: State, request: Request) -> Response:
    """``GET /{file_id}/{filename}`` on the files host: a model's output file, no token needed."""
    file_id = request.path.strip("/").split("/", 1)[0]
    stored = state.store.output_files.get(file_id)
    if request.method not in ("GET", "HEAD"):
        raise Problem(405, "Method not allowed", "The files host only serves GET requests.")
    if stored is None:
        raise Problem(404, "Not found", f"No output file at {request.path}.")
    return _content_response(stored)


def register_file_routes(router: Router, state: State) -> None:
    """Add the Files API operations to ``router``."""
    routes = [
        ("files.create", "POST", "/files", create_file),
        ("files.list", "GET", "/files", list_files),
        ("files.get", "GET", "/files/{file_id}", get_file),
        ("files.delete", "DELETE", "/files/{file_id}", delete_file),
        ("files.download", "GET", "/files/{file_id}/download", download_file),
    ]
    for operation_id, method, template, handler in routes:
        router.add(operation_id, method, template, partial(handler, state))
