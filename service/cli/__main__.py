"""``python -m service.cli``: the same as the ``attribution`` console script."""
from . import run

run()
