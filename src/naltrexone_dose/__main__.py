"""``python -m naltrexone_dose``: the command line."""

import sys

from .cli import main

sys.exit(main())
