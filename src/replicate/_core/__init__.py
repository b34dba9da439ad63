"""The SDK's decisions as plain functions and values, tested without a network.

Each module does one job (decoding server-sent events, verifying webhooks, parsing
model references, ...); the async and sync layers call into them. None does network
I/O; ``file_inputs`` is the one that reads local files (the ones it uploads or inlines).
"""

__all__: list[str] = []
