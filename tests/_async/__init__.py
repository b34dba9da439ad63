"""Client tests, written async; ``python -m codegen unasync`` derives the sync ones in tests/_sync."""
