"""I/O-free building blocks: plain functions and values, tested without a network.

Each module does one job (decoding server-sent events, verifying webhooks,
parsing model references, ...); the async and sync layers call into them.
"""

__all__: list[str] = []
