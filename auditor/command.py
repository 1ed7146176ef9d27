"""The ``auditor`` console script: ``auditor --version`` is answered before the command line module and what it
imports (argparse, typing) are loaded; everything else is :func:`auditor.cli.main`."""

import sys


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        from auditor import __version__

        print(f"auditor {__version__}")
        return 0
    from auditor.cli import main as command_line

    return command_line()
