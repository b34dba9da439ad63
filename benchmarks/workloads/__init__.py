"""The workloads, in the order they run and are reported."""

from __future__ import annotations

from . import (
    async_create,
    construct,
    imports,
    pagination,
    run_long,
    run_short,
    sse,
    sync_get,
    upload,
)
from ._base import Options, Row, Workload, rows_for

__all__ = ["WORKLOADS", "Options", "Row", "Workload", "rows_for"]

WORKLOADS: dict[str, Workload] = {
    module.WORKLOAD.key: module.WORKLOAD
    for module in (
        imports,
        construct,
        sync_get,
        async_create,
        run_short,
        run_long,
        sse,
        upload,
        pagination,
    )
}
