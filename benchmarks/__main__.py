"""Entry point: ``python -m benchmarks`` (``make bench``). See benchmarks/README.md."""

import sys

from .run import main

sys.exit(main())
