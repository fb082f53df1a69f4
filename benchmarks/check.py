"""Time ``sphinx-readinglist check`` on large files, next to the YAML parse floor.

Run from the repository root::

    python benchmarks/check.py               # 1,000, 10,000 and 20,000 entries
    python benchmarks/check.py --sizes 1000  # one size

For each size, the reading list of :mod:`projects` is written to a temporary
file and checked by its own ``python -m sphinx_readinglist check`` process
(wall-clock time, start-up included). The floor is libyaml composing the
same text (``yaml.compose`` with ``CSafeLoader``) in this process: no check
can read the file faster. ``start-up`` is the check of a one-entry file:
Python, Sphinx and the extensions loaded, the application made.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import projects  # found next to this script

DEFAULT_SIZES = (1_000, 10_000, 20_000)


def _check_seconds(path: Path, repeat: int) -> float:
    """The median wall-clock time of a check of ``path``, in its own process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "sphinx_readinglist", "check", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"check of {path} failed:\n{result.stdout}{result.stderr}")
    return statistics.median(times)


def _floor_seconds(text: str, repeat: int) -> float:
    """The median time libyaml takes to compose ``text``."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        yaml.compose(text, Loader=loader)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each timing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder, "one.yaml")
        one.write_text(projects.to_yaml(projects.generate(1)), encoding="utf-8")
        startup = _check_seconds(one, args.repeat)
        rows = []
        for size in args.sizes:
            text = projects.to_yaml(projects.generate(size))
            path = Path(folder, f"reading-{size}.yaml")
            path.write_text(text, encoding="utf-8")
            floor = _floor_seconds(text, args.repeat)
            checked = _check_seconds(path, args.repeat)
            rows.append((size, len(text.encode()), floor, checked))
    print(f"start-up (a one-entry file): {startup:.2f} s\n")
    print(
        f"{'entries':>8} {'MB':>6} {'floor s':>8} {'check s':>8} "
        f"{'minus start-up':>15} {'x floor':>8} {'ms/1k entries':>14}"
    )
    for size, size_bytes, floor, checked in rows:
        work = checked - startup
        print(
            f"{size:>8,} {size_bytes / 1e6:>6.1f} {floor:>8.2f} {checked:>8.2f} "
            f"{work:>15.2f} {work / floor:>8.2f} {1000 * work / size * 1000:>14.0f}"
        )


if __name__ == "__main__":
    main()
