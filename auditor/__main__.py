"""``python -m auditor``: the command line, without the working folder on the import path.

``python -m`` puts the working folder first on ``sys.path``; a folder of reports holding a ``tabulate.py`` or a
``*.dist-info`` would then be imported or loaded as a plugin. The auditor itself is already imported by now (its
submodules are found through the package, not through ``sys.path``), so the entry is dropped before anything else.
"""

import os
import sys

if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.path.abspath(os.curdir):
    del sys.path[0]

from auditor.command import main  # as the console script: `--version` first, the same start-up

sys.exit(main())
