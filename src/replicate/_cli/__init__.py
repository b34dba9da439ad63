"""The ``replicate`` command: experiment commands and API commands behind one entry point.

``replicate._cli.main.main`` is the console script. Each command lives in its own module,
imported only when that command runs, so ``replicate --help`` loads neither pydantic nor
httpx nor any storage backend.
"""
