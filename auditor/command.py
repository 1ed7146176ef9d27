"""The ``auditor`` console script: ``auditor --version`` is answered before the command line module and what it
imports (argparse, typing) are loaded; everything else is :func:`auditor.cli.main`."""

import sys


def answered_version(argv: list[str]) -> bool:
    """Print the version if the whole command line is ``--version``, and say whether it did."""
    if argv != ["--version"]:
        return False
    from auditor import __version__

    print(f"auditor {__version__}")
    return True


def main() -> int:
    if answered_version(sys.argv[1:]):
        return 0
    from auditor.cli import main as command_line

    return command_line()
