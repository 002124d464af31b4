"""Measuring scripts, a package of the repository: they import ``benchmarks.*``, ``tests.support.*``
and ``service.*`` by full name from the repository root (see tests/__init__.py).

Run them from the repository root, either way:

    python3 benchmarks/NAME.py [options]
    python3 -m benchmarks.NAME [options]

Run as a file, a script's folder is first on ``sys.path`` instead of the root, so each script
starts with the same two lines that put the root there in its place::

    if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
        sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])
"""
