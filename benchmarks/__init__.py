"""Benchmarks: what the SDK costs on top of raw httpx, beside the 1.x and 2.x clients.

Run ``python3 benchmarks/run.py`` (or ``python3 -m benchmarks``); see ``run.py``.
"""
