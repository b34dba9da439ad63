"""Client tests. Written once in tests/_async; tests/_sync is generated from them."""
