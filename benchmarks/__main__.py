"""``python3 -m benchmarks``: the same as ``python3 benchmarks/run.py``."""

import sys

from benchmarks.run import main

sys.exit(main())
