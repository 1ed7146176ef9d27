"""The ``auditor`` console script: ``auditor --version`` is answered before the command line module and what it
imports (argparse, typing) are loaded; everything else is :func:`auditor.cli.main`."""

import gc
import sys


def answered_version(argv: list[str]) -> bool:
    """Print the version if the whole command line is ``--version``, and say whether it did."""
    if argv != ["--version"]:
        return False
    from auditor import __version__

    print(f"auditor {__version__}")
    return True


_gc_paused = False


def pause_gc() -> None:
    """Start-up creates some 60,000 objects the cycle collector tracks (modules, classes, the grammar, the patterns),
    all alive until the end: its passes over them, triggered every 700 allocations, find nothing to free. It is
    paused until a command that runs on (a batch of files, the workbench, ``--watch``) resumes it
    (:func:`resume_gc`); :func:`auditor.cli.main` resumes it on return."""
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def resume_gc() -> None:
    """Undo :func:`pause_gc` (nothing if it paused nothing: a collector the caller disabled stays disabled)."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.enable()


def main() -> int:
    if answered_version(sys.argv[1:]):
        return 0
    pause_gc()
    from auditor import patterns

    patterns.install()  # before the command line's imports compile theirs (auditor.cli.main installs it too)
    from auditor.cli import main as command_line

    code = command_line()
    # The process ends now. The objects alive are set aside, so that the collections of the interpreter's teardown
    # do not walk them all (a plain run ends without any cycle left to collect: its files are closed).
    gc.freeze()
    return code
