"""``python -m naltrexone_dose``: the command line."""

from .cli import run

run()
