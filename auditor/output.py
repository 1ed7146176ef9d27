"""Writing what a run produces without ever losing a file.

* An output file is written to a temporary file beside it and renamed over it only when the whole report is written
  (:class:`Output`; a file written at once, :func:`write_atomically`: fixed reports, the caches): a failed or killed
  export leaves the previous file as it was, never a truncated one. An output that is not a regular file
  (``/dev/stdout``, a pipe, a device) is written in place.
* An output that is one of the run's input files is refused before anything is opened.
* A file name that is not valid UTF-8 (GBK bytes on a Linux disk) is shown with its bytes escaped (:func:`shown`),
  so every format can write it.
* Text for a terminal has its control characters and escape sequences removed (:func:`terminal_safe`): a report's
  title or a file name cannot move the cursor, recolour the screen or hide text.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

from auditor.errors import ConfigError
from auditor.lazy import lazy_module, lazy_pattern

if TYPE_CHECKING:
    import shutil
    import tempfile
else:  # only writing to a file needs them (`auditor --version` imports this module too)
    shutil = lazy_module("shutil")
    tempfile = lazy_module("tempfile")


def shown(path: str) -> str:
    """The path as text every format can hold: undecodable bytes (``surrogateescape``) written as ``\\xb1``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


# ESC-introduced sequences (CSI … final byte, OSC … BEL/ST, two-character escapes), then every other C0/C1 control
# character but tab and line feed, and the Unicode bidirectional overrides that reorder what a terminal shows.
_ESCAPES = lazy_pattern(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def terminal_safe(text: str) -> str:
    """``text`` without control characters or escape sequences (tab and line feed kept)."""
    return _ESCAPES.sub("", text) if _ESCAPES.search(text) else text


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def refuse_inputs(output: str, inputs: Iterable[str], flag: str = "-o") -> None:
    """Refuse an output path that is (a link to) one of the input files: writing it would destroy the report."""
    target = _identity(output)
    if target is None:
        return
    for path in inputs:
        if _identity(path) == target:
            raise ConfigError(
                f"输出文件 {shown(output)} 就是被审查的文件 {shown(path)}，写入会毁掉它；请另选输出文件（{flag}）",
                f"the output file {shown(output)} is the input {shown(path)}; writing it would destroy the report "
                f"(choose another {flag})",
                shown(output),
            )


def write_atomically(path: str, data: bytes) -> None:
    """Write a whole file or nothing: to a temporary file beside it, then renamed over it (a concurrent reader finds
    the old file or the new one, never a part). Raises what writing raises, the temporary file removed."""
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class Output:
    """Where a report goes: stdout, or a file replaced only when the report is complete (:meth:`commit`)."""

    def __init__(self, path: str | None, binary: bool, what: tuple[str, str] = ("输出文件", "the output file")) -> None:
        self.path = path
        self.binary = binary
        self.what = what
        self.temporary: str | None = None
        self.stream: Any
        if path is None:
            self.stream = sys.stdout.buffer if binary else sys.stdout
            return
        self.in_place = False
        try:
            self.in_place = os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode)
            if self.in_place:  # a device, a pipe, /dev/stdout: nothing to replace; copied there when complete
                handle: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=32 << 20)
            else:
                fd, self.temporary = _temporary_beside(path)
                handle = os.fdopen(fd, "wb")
        except OSError as exc:
            raise _io_error(path, exc, self.what) from None
        self.stream = _Sink(handle, binary, lambda exc: _io_error(path, exc, self.what))

    def commit(self) -> None:
        """The report is complete: flush it to disk and put it in place."""
        if self.path is None:
            with contextlib.suppress(BrokenPipeError):
                self.stream.flush()
            return
        try:
            self.stream.flush()
            raw = self.stream.raw
            if self.temporary is not None:
                os.fsync(raw.fileno())
                raw.close()
                os.chmod(self.temporary, _mode_for(self.path))
                os.replace(self.temporary, self.path)
                self.temporary = None
            elif self.in_place:
                raw.seek(0)
                with open(self.path, "wb") as target:
                    shutil.copyfileobj(raw, target)
                raw.close()
        except OSError as exc:
            raise _io_error(self.path, exc, self.what) from None

    def close(self) -> None:
        """Release the file; an uncommitted temporary file is removed (the previous output stays)."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            self.stream.raw.close()
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)
            self.temporary = None


class _Sink:
    """The file a reporter writes (UTF-8 text or bytes); a failing write (a full disk, ``/dev/full``) is a clear
    error naming the file, not an internal one."""

    takes_utf8 = True  # UTF-8 bytes written as they are: what a text written here becomes (auditor.reporters.json)

    def __init__(self, raw: IO[bytes], binary: bool, error: Callable[[OSError], ConfigError]) -> None:
        self.raw = raw
        self.binary = binary
        self.error = error

    def write(self, data: str | bytes) -> int:
        try:
            if isinstance(data, str):
                self.raw.write(data.encode("utf-8", "replace"))
            else:
                self.raw.write(data)
        except OSError as exc:
            raise self.error(exc) from None
        return len(data)

    def flush(self) -> None:
        try:
            self.raw.flush()
        except OSError as exc:
            raise self.error(exc) from None

    def __getattr__(self, name: str) -> Any:  # seek, tell … for writers that want them (zip files)
        return getattr(self.raw, name)


def _temporary_beside(path: str) -> tuple[int, str]:
    """A new hidden file in the folder of ``path``, to be renamed over it when complete: (descriptor, name)."""
    folder = os.path.dirname(os.path.abspath(path))
    return tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)


def _mode_for(path: str) -> int:
    """The permissions of a file that replaces ``path`` (``mkstemp`` makes it 0600): those of the file it replaces,
    or what ``open`` would give a new one."""
    if os.path.exists(path):
        return os.stat(path).st_mode & 0o7777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _io_error(path: str, exc: OSError, what: tuple[str, str]) -> ConfigError:
    reason = exc.strerror or str(exc)
    return ConfigError(f"无法写入{what[0]}：{reason}", f"cannot write {what[1]}: {reason}", shown(path))
