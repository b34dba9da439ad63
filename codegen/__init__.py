"""Code generator of the SDK: curated spec, models, resources, sync twins and ``api.md``.

Run as ``python -m codegen`` from the repository root; see ``codegen/__main__.py``.
"""
