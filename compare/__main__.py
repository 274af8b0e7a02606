"""`python -m compare` runs the `article-compare` command."""

import sys

from .cli import main

sys.exit(main())
