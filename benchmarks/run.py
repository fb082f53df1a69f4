"""Benchmark the readinglist directive against hand-written cards and a plain list.

Run from the repository root::

    python benchmarks/run.py            # 100, 1,000, 10,000 and 20,000 entries
    python benchmarks/run.py --quick    # 100 and 1,000 entries, one pass

Each variant is built by its own ``python -m sphinx -b html`` process, in a
fresh output folder under a temporary directory, several times, interleaved.
The table shows the median wall-clock and CPU times, their ratios to the two
references, and the peak resident memory of the build process (from the
``rusage`` that ``os.wait4`` returns for it). ``--baseline SRC`` adds the
reading lists built by another version of the extension.

The incremental part builds a 50-page project whose pages use 50 YAML files
(and one file shared by all), then rebuilds it with nothing changed, rebuilds
it after editing one YAML file, and builds it from scratch with ``-j 2``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import projects  # found next to this script

DEFAULT_SIZES = (100, 1_000, 10_000, 20_000)
QUICK_SIZES = (100, 1_000)


@dataclass(frozen=True)
class Build:
    """One ``sphinx-build`` run."""

    seconds: float
    cpu_seconds: float | None
    peak_mb: float | None
    warnings: int
    returncode: int
    stdout: str
    stderr: str

    @property
    def reread(self) -> int | None:
        """How many documents Sphinx read, from its "updating environment" line."""
        match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", self.stdout)
        return int(match[1]) + int(match[2]) if match else None


def _max_rss_mb(maxrss: int) -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def sphinx_build(
    source: Path,
    output: Path,
    *,
    jobs: int = 1,
    quiet: bool = True,
    pythonpath: Path | None = None,
) -> Build:
    """Build ``source`` into ``output`` (html and doctrees) in a new process.

    :param pythonpath: a folder to import the extension from first (another
        version of it), or None for the installed one.
    """
    command = [sys.executable, "-m", "sphinx", "-b", "html"]
    if quiet:
        command.append("-q")
    if jobs > 1:
        command += ["-j", str(jobs)]
    command += ["-d", str(output / "doctrees"), str(source), str(output / "html")]
    output.mkdir(parents=True, exist_ok=True)
    out_log, err_log = output / "stdout.log", output / "stderr.log"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(pythonpath), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
    with out_log.open("wb") as out, err_log.open("wb") as err:
        start = time.perf_counter()
        # a session of its own, so an interrupted run can stop the -j workers too
        process = subprocess.Popen(
            command, stdout=out, stderr=err, env=env, start_new_session=True
        )
        try:
            peak: float | None = None
            cpu: float | None = None
            if hasattr(os, "wait4"):
                # the rusage of this one child (and the workers it waited for)
                _pid, status, usage = os.wait4(process.pid, 0)
                seconds = time.perf_counter() - start
                process.returncode = os.waitstatus_to_exitcode(status)
                peak = _max_rss_mb(usage.ru_maxrss)
                cpu = usage.ru_utime + usage.ru_stime
            else:
                process.wait()
                seconds = time.perf_counter() - start
        except BaseException:
            if process.returncode is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            raise
    stdout = out_log.read_text(encoding="utf-8", errors="replace")
    stderr = err_log.read_text(encoding="utf-8", errors="replace")
    return Build(
        seconds=seconds,
        cpu_seconds=cpu,
        peak_mb=peak,
        warnings=stderr.count("WARNING"),
        returncode=process.returncode or 0,
        stdout=stdout,
        stderr=stderr,
    )


def _write(
    folder: Path,
    *,
    size: int | None = None,
    variants: Sequence[str] = (),
    incremental: bool = False,
) -> None:
    """Write projects with ``projects.py``, in a process of its own.

    On Linux a child's peak memory includes its parent's memory at the time
    it started, so the benchmark itself must stay small: it never holds the
    generated lists.
    """
    script = Path(__file__).resolve().parent / "projects.py"
    command = [sys.executable, str(script), str(folder)]
    if size is not None:
        command += ["--size", str(size), "--variants", ",".join(variants)]
    if incremental:
        command.append("--incremental")
    subprocess.run(command, check=True)


def _use_bytecode(work: Path, variants: Sequence[str], baseline: Path | None) -> None:
    """Have every build import compiled modules, as an installed package does.

    Sphinx, docutils and sphinx-design come with their ``.pyc`` files; an
    editable checkout run with ``PYTHONDONTWRITEBYTECODE`` would compile the
    extension from source in every build, a fixed 50 ms that users never pay
    (issue 15). The bytecode goes to a folder of the run, never the checkout,
    and one untimed build of each variant writes it.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    written = [v for v in variants if v != BASELINE]
    _write(work / "src-warm-up", size=1, variants=written)
    for variant in variants:
        source = "readinglist" if variant == BASELINE else variant
        output = work / f"out-warm-up-{variant}"
        sphinx_build(
            work / "src-warm-up" / source,
            output,
            pythonpath=baseline if variant == BASELINE else None,
        )
        shutil.rmtree(output)
    shutil.rmtree(work / "src-warm-up")


def _check(build: Build, what: str) -> None:
    if build.returncode:
        sys.exit(f"{what}: sphinx-build failed\n{build.stderr[-3000:]}")
    if build.warnings:
        print(f"  ! {what}: {build.warnings} warnings", file=sys.stderr)
        print(build.stderr[:2000], file=sys.stderr)


def _rotations(items: Sequence[str], count: int) -> Iterator[list[str]]:
    """The items, in a different order each pass, so no variant always goes first."""
    for i in range(count):
        shift = i % len(items)
        yield [*items[shift:], *items[:shift]]


def _median(builds: list[Build]) -> float:
    return statistics.median(build.seconds for build in builds)


def _cpu_median(builds: list[Build]) -> float | None:
    times = [b.cpu_seconds for b in builds if b.cpu_seconds is not None]
    return statistics.median(times) if times else None


def _ratio(value: float | None, reference: float | None) -> str:
    return f"{value / reference:.2f}" if value and reference else "-"


def _peak(builds: list[Build]) -> str:
    peaks = [build.peak_mb for build in builds if build.peak_mb is not None]
    return f"{max(peaks):.0f}" if peaks else "-"


#: The variant that builds the readinglist project with another version.
BASELINE = "baseline"


def bench_sizes(
    work: Path,
    sizes: Sequence[int],
    repeat: int,
    variants: Sequence[str],
    baseline: Path | None = None,
) -> list[str]:
    """Build every variant of every size ``repeat`` times; return table rows."""
    rows = []
    for size in sizes:
        written = [v for v in variants if v != BASELINE]
        _write(work / f"src-{size}", size=size, variants=written)
        sources = {variant: work / f"src-{size}" / variant for variant in written}
        if baseline is not None:
            sources[BASELINE] = sources["readinglist"]
        pythonpaths = {BASELINE: baseline}
        data = sources.get("readinglist", work) / "reading.yaml"
        shown = (
            f" ({data.stat().st_size / 1e6:.1f} MB of YAML)" if data.exists() else ""
        )
        print(f"{size:,} entries{shown}", file=sys.stderr)
        results: dict[str, list[Build]] = {variant: [] for variant in variants}
        for run, order in enumerate(_rotations(list(variants), repeat)):
            for variant in order:
                output = work / f"out-{size}-{variant}-{run}"
                build = sphinx_build(
                    sources[variant], output, pythonpath=pythonpaths.get(variant)
                )
                shutil.rmtree(output)
                _check(build, f"{size} {variant}")
                results[variant].append(build)
                print(
                    f"  {variant:<12} run {run + 1}: {build.seconds:7.2f} s",
                    file=sys.stderr,
                )
        shutil.rmtree(work / f"src-{size}")
        wall = {variant: _median(builds) for variant, builds in results.items()}
        cpu = {variant: _cpu_median(builds) for variant, builds in results.items()}
        for variant, builds in results.items():
            ratios = [
                f"{_ratio(wall[variant], wall.get(ref))} "
                f"({_ratio(cpu[variant], cpu.get(ref))})"
                for ref in ("cards", "list")
            ]
            cpu_shown = f"{cpu[variant]:.2f}" if cpu[variant] is not None else "-"
            rows.append(
                f"| {size:>7,} | {variant:<11} | {wall[variant]:7.2f} "
                f"| {cpu_shown:>7} | {ratios[0]:>11} | {ratios[1]:>11} "
                f"| {_peak(builds):>7} | {sum(b.warnings for b in builds):>8} |"
            )
    return rows


def bench_incremental(work: Path, repeat: int) -> list[str]:
    """Time a full build, a no-change rebuild, a one-file edit and ``-j 2``."""
    source = work / "src-incremental"
    _write(source, incremental=True)
    edited = source / "data" / "list-7.yaml"
    original = edited.read_bytes()
    results: dict[str, list[Build]] = {
        "full build, -j 1": [],
        "rebuild, nothing changed": [],
        "rebuild, 1 of 50 YAML files edited": [],
        "full build, -j 2": [],
    }
    names = list(results)
    print(f"incremental: {projects.PAGES} pages", file=sys.stderr)
    for run in range(repeat):
        edited.write_bytes(original)
        output = work / f"out-incremental-{run}"
        steps = [sphinx_build(source, output, quiet=False)]
        steps.append(sphinx_build(source, output, quiet=False))
        projects.edit_one_file(source, 7)
        # newer than the build, whatever the grain of the file system's clock
        later = time.time() + 10
        os.utime(edited, (later, later))
        steps.append(sphinx_build(source, output, quiet=False))
        shutil.rmtree(output)
        edited.write_bytes(original)
        output_j2 = work / f"out-incremental-j2-{run}"
        steps.append(sphinx_build(source, output_j2, jobs=2, quiet=False))
        shutil.rmtree(output_j2)
        for name, build in zip(names, steps, strict=True):
            _check(build, name)
            results[name].append(build)
        print(
            "  run {}: {}".format(
                run + 1, ", ".join(f"{b.seconds:.2f} s" for b in steps)
            ),
            file=sys.stderr,
        )
    shutil.rmtree(source)
    rows = []
    for name, builds in results.items():
        reread = {b.reread for b in builds}
        shown = ", ".join(str(n) for n in sorted(reread, key=lambda n: n or 0))
        cpu = _cpu_median(builds)
        cpu_shown = f"{cpu:.2f}" if cpu is not None else "-"
        rows.append(
            f"| {name:<34} | {_median(builds):7.2f} | {cpu_shown:>7} | {shown:>13} "
            f"| {_peak(builds):>7} | {sum(b.warnings for b in builds):>8} |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.replace(",", " ").split()],
        help="entry counts, e.g. '100,1000' (default: 100,1000,10000,20000)",
    )
    parser.add_argument(
        "--repeat", type=int, help="builds per variant and size (default: 3)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="100 and 1,000 entries, one build each: a check that takes a minute",
    )
    parser.add_argument(
        "--variants",
        default=",".join(projects.VARIANTS),
        help="which of readinglist,cards,list,site to build (default: all four)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also build the reading lists with the extension found in SRC (the "
        "src folder of another checkout), interleaved, as the 'baseline' variant",
    )
    parser.add_argument(
        "--no-incremental",
        action="store_true",
        help="skip the 50-page rebuild and -j 2 measurements",
    )
    parser.add_argument(
        "--write",
        type=Path,
        metavar="DIR",
        help="only write the projects into DIR (e.g. to profile one build by hand)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where to build (default: a new temporary directory, removed after)",
    )
    args = parser.parse_args(argv)
    # a terminated run still stops its build and removes its folder
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    repeat = args.repeat or (1 if args.quick else 3)
    variants = [v for v in args.variants.replace(",", " ").split() if v]
    unknown = set(variants) - set(projects.VARIANTS)
    if unknown:
        parser.error(f"unknown variant(s): {', '.join(sorted(unknown))}")
    if args.baseline is not None:
        if not (args.baseline / "sphinx_readinglist").is_dir():
            parser.error(f"no sphinx_readinglist package in {args.baseline}")
        if "readinglist" not in variants:
            variants.insert(0, "readinglist")
        variants.insert(1, BASELINE)
        args.baseline = args.baseline.resolve()

    if args.write:
        written = [v for v in variants if v != BASELINE]
        for size in sizes:
            _write(args.write / str(size), size=size, variants=written)
            for variant in written:
                print(args.write / str(size) / variant)
        _write(args.write / "incremental", incremental=True)
        print(args.write / "incremental")
        return 0

    with tempfile.TemporaryDirectory(
        prefix="readinglist-bench-", dir=args.workdir
    ) as tmp:
        work = Path(tmp)
        _use_bytecode(work, variants, args.baseline)
        rows = bench_sizes(work, sizes, repeat, variants, args.baseline)
        incremental = [] if args.no_incremental else bench_incremental(work, repeat)

    print(f"\nSphinx builds, median of {repeat} (wall and CPU seconds; memory in MB)")
    print("Ratios: of wall times, and in parentheses of CPU times\n")
    print(
        "| entries | variant     |  wall s |   cpu s |     x cards "
        "|      x list | peak MB | warnings |"
    )
    print(
        "|--------:|:------------|--------:|--------:|------------:"
        "|------------:|--------:|---------:|"
    )
    print("\n".join(rows))
    if incremental:
        print(f"\n{projects.PAGES}-page project, median of {repeat}\n")
        print(
            "| build                              |  wall s |   cpu s "
            "| pages re-read | peak MB | warnings |"
        )
        print(
            "|:-----------------------------------|--------:|--------:"
            "|--------------:|--------:|---------:|"
        )
        print("\n".join(incremental))
    if any("|        0 |" not in row for row in [*rows, *incremental]):
        print("\nSome builds warned (see above): their times are not comparable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
