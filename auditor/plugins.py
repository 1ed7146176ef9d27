"""Loading plugins: every rule, reporter and reader comes through the entry-point group ``auditor``.

The built-in ones are entry points of this distribution, loaded exactly like a third party's. Each entry point is
loaded on its own: one that fails to import, or that implements a hook that does not exist (a misspelling), is
reported and skipped — or, with ``require=True``, stops the run.

``AUDITOR_DISABLE_PLUGIN_AUTOLOAD=1`` (like pytest's ``PYTEST_DISABLE_PLUGIN_AUTOLOAD``) loads only the built-in
entry points: the project's tests set it so that a plugin installed in the environment cannot change their results;
a plugin's own tests name their plugin explicitly (:mod:`auditor.testing`).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
import types
from dataclasses import dataclass, field
from typing import Any

import pluggy

from auditor import hookspecs
from auditor.errors import ConfigError
from auditor.rule import Rule

GROUP = "auditor"
AUTOLOAD_ENV = "AUDITOR_DISABLE_PLUGIN_AUTOLOAD"


@dataclass
class PluginInfo:
    """An installed plugin: where it comes from, what it contributes, and why it failed to load, if it did."""

    name: str
    value: str  # module path of the entry point
    dist: Any = None  # importlib.metadata.Distribution; its metadata is read only when asked for (slow)
    error: str | None = None
    rules: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)

    @property
    def distribution(self) -> str:
        return str(self.dist.name) if self.dist is not None else ""

    @property
    def version(self) -> str:
        return str(self.dist.version) if self.dist is not None else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.value,
            "distribution": self.distribution,
            "version": self.version,
            "error": self.error,
            "rules": self.rules,
            "reporters": self.reporters,
            "formats": self.formats,
        }


# What pluggy can take for a hook implementation (functions, methods, and their wrappers); anything else a plugin
# module holds (its imports, constants, classes) is passed over without asking pluggy.
_HOOKABLE = (
    types.FunctionType,
    types.MethodType,
    types.BuiltinFunctionType,
    types.BuiltinMethodType,
    staticmethod,
    classmethod,
)


class _Manager(pluggy.PluginManager):
    """pluggy's manager, quicker at registering a module and at reading the hook specifications: pluggy looks every
    name of a module up without running descriptors (``inspect.getattr_static``), ~1,000 look-ups for the built-in
    plugins; a name of a module whose value cannot be a hook is skipped here, and so is a plain function without the
    marker (pluggy reads the marker from the function itself: the same answer, without the look-up)."""

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if _unmarked(plugin, name, self.project_name + "_impl"):  # the attribute pluggy's HookimplMarker sets
            return None
        return super().parse_hookimpl_opts(plugin, name)

    def parse_hookspec_opts(self, module_or_class: Any, name: str) -> Any:
        if _unmarked(module_or_class, name, self.project_name + "_spec"):  # and its HookspecMarker
            return None
        return super().parse_hookspec_opts(module_or_class, name)


def _unmarked(namespace: Any, name: str, marker: str) -> bool:
    """Whether the name of a module is certainly no hook: its value cannot be one, or is a plain function without
    the marker."""
    if not isinstance(namespace, types.ModuleType):
        return False
    value = vars(namespace).get(name)
    if not isinstance(value, _HOOKABLE):
        return True
    return type(value) is types.FunctionType and getattr(value, marker, None) is None


class Plugins:
    """The plugin manager with everything the installed plugins contribute."""

    def __init__(
        self, require: bool = False, extra: list[tuple[str, object]] | None = None, autoload: bool | None = None
    ) -> None:
        """``autoload``: load third-party entry points too (default: unless ``AUDITOR_DISABLE_PLUGIN_AUTOLOAD``)."""
        self.manager = _Manager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.infos: list[PluginInfo] = []
        load_all = _autoload() if autoload is None else autoload
        for point in _entry_points():
            if load_all or builtin(point):
                self._load(point, require)
        for name, plugin in extra or []:  # plugins given directly (tests, embedding)
            self._register(PluginInfo(name, repr(plugin)), plugin, require)
        self.rules: dict[str, Rule] = {}
        self.reporters: dict[str, Any] = {}
        self.batch_checks: list[Any] = []
        self.citation_catalogs: list[str] = []  # TOML files of national and local issuers (rules/citations.toml)
        self._collect(require)

    def _load(self, point: Any, require: bool) -> None:  # an EntryPoint, or a _Point read from the cache
        info = PluginInfo(point.name, point.value, point.dist)
        try:
            plugin = point.load()
        except Exception as exc:  # a broken plugin must not take the auditor down with it
            self._broken(info, f"import failed: {type(exc).__name__}: {exc}", require)
            return
        self._register(info, plugin, require)

    def _register(self, info: PluginInfo, plugin: object, require: bool) -> None:
        try:
            self.manager.register(plugin, name=info.name)
            self.manager.check_pending()
        except pluggy.PluginValidationError as exc:
            if self.manager.is_registered(plugin):
                self.manager.unregister(plugin)
            self._broken(info, f"invalid plugin: {exc}", require)
            return
        except ValueError as exc:  # registered twice under one name
            self._broken(info, str(exc), require)
            return
        self.infos.append(info)

    def _broken(self, info: PluginInfo, message: str, require: bool) -> None:
        info.error = message
        self.infos.append(info)
        if require:
            raise ConfigError(
                f"插件 {info.name} 无法加载：{message}", f"plugin {info.name} cannot be loaded: {message}"
            )
        print(
            f"auditor: 警告：插件 {info.name!r} 未加载，已跳过（{message}）；加 --require-plugins 则视为错误 / "
            f"warning: plugin {info.name!r} skipped: {message} (--require-plugins makes this an error)",
            file=sys.stderr,
        )

    def _collect(self, require: bool) -> None:
        by_name = {info.name: info for info in self.infos}
        for impl in self.manager.hook.auditor_rules.get_hookimpls():
            info = by_name.get(impl.plugin_name)
            try:
                contributed = list(_call(impl))
            except Exception as exc:
                if info is not None:
                    self._broken(info, f"auditor_rules() failed: {type(exc).__name__}: {exc}", require)
                continue
            for found in contributed:
                if not isinstance(found, Rule):
                    raise ConfigError(
                        f"插件 {impl.plugin_name} 提供的不是规则：{found!r}",
                        f"plugin {impl.plugin_name} contributed something that is not a Rule: {found!r}",
                    )
                if found.code in self.rules:
                    other = self.rules[found.code].plugin
                    raise ConfigError(
                        f"规则代码 {found.code} 重复（插件 {other} 与 {impl.plugin_name}）",
                        f"rule code {found.code} is defined twice (plugins {other} and {impl.plugin_name})",
                    )
                self.rules[found.code] = found.with_plugin(impl.plugin_name)
                if info is not None:
                    info.rules.append(found.code)
        for impl in self.manager.hook.auditor_reporters.get_hookimpls():
            info = by_name.get(impl.plugin_name)
            for reporter in _call(impl):
                reporter.plugin = impl.plugin_name
                self.reporters[reporter.name] = reporter
                if info is not None:
                    info.reporters.append(reporter.name)
        for impl in self.manager.hook.auditor_batch_checks.get_hookimpls():
            for check in _call(impl):
                self.batch_checks.append(check)
        for impl in self.manager.hook.auditor_formats.get_hookimpls():
            info = by_name.get(impl.plugin_name)
            if info is not None:
                info.formats.extend(item["name"] for item in _call(impl))
        for impl in self.manager.hook.auditor_citation_catalogs.get_hookimpls():
            self.citation_catalogs.extend(str(path) for path in _call(impl))

    def read(self, path: str, data: bytes, limits: Any) -> Any:
        """The document read by the first reader that recognises the content (firstresult hook)."""
        return self.manager.hook.auditor_read(path=path, data=data, limits=limits)


def _call(impl: Any) -> Any:
    """Call one plugin's implementation of a hook (to know which plugin contributed what)."""
    return impl.function()


def builtin(point: Any) -> bool:
    """An entry point of this distribution (its module lives in the ``auditor`` package)."""
    return str(point.value).split(".")[0] == "auditor"


def _autoload() -> bool:
    """Whether third-party plugins are loaded from the environment (see ``AUDITOR_DISABLE_PLUGIN_AUTOLOAD``)."""
    return os.environ.get(AUTOLOAD_ENV, "").strip().lower() in ("", "0", "false", "no")


@dataclass(frozen=True)
class _Dist:
    """The distribution of a cached entry point: its name and version."""

    name: str
    version: str


@dataclass(frozen=True)
class _Point:
    """An entry point as remembered in the cache: loaded like ``importlib.metadata.EntryPoint.load``."""

    name: str
    value: str
    dist: _Dist | None

    def load(self) -> Any:
        module, _, attributes = self.value.split("[")[0].partition(":")  # extras ([...]) are not ours to load
        found: Any = importlib.import_module(module.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            found = getattr(found, attribute)
        return found


def _entry_points() -> list[Any]:
    """The group's entry points, built-ins first (stable order), then third parties by name.

    Scanning every installed distribution (``importlib.metadata``) costs a one-file run more than the audit itself,
    so the list is cached: keyed by the folders of ``sys.path`` and their modification times, which change whenever
    a distribution is installed, upgraded or removed there."""
    from auditor.resources import cache_dir

    key = _environment_key()
    folder = cache_dir()
    cached = os.path.join(folder, "entry-points.json") if folder else None
    if cached is not None:
        try:
            with open(cached, encoding="utf-8") as handle:
                data = json.load(handle)
            if data["key"] == key:
                return [_Point(n, v, _Dist(d, ver) if d is not None else None) for n, v, d, ver in data["points"]]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    from importlib.metadata import entry_points

    points = sorted(entry_points(group=GROUP), key=lambda p: (not builtin(p), p.name))
    if cached is not None:
        rows = [[p.name, p.value, p.dist.name if p.dist else None, p.dist.version if p.dist else None] for p in points]
        from auditor.output import write_atomically

        with contextlib.suppress(OSError):
            write_atomically(cached, json.dumps({"key": key, "points": rows}, ensure_ascii=False).encode("utf-8"))
    return points


def _environment_key() -> list[Any]:
    """What the installed entry points depend on: the Python version and each folder of ``sys.path`` with its
    modification time, which changes whenever a distribution's metadata folder is added or removed there (pip
    writes a new one on every install, upgrade or editable install). Deleting ``entry-points.json`` from the cache
    folder forces a fresh scan."""
    key: list[Any] = [sys.version]  # not sys.executable: python, python3 and python3.11 of one venv are one place
    for position, entry in enumerate(sys.path):
        if position == 0 and not _holds_distributions(entry):
            # The script's folder (…/bin for `auditor`) or the working folder (`python -m auditor`): it differs
            # between the two ways of running and its time changes with every file written there (-o audit.json),
            # but without a distribution's metadata it adds no entry point, so it takes no part in the key.
            continue
        try:
            key.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            key.append([entry, None])
    return key


_METADATA = (".dist-info", ".egg-info", ".egg")  # what importlib.metadata finds distributions by in a folder


def _holds_distributions(entry: str) -> bool:
    """Whether the folder ``entry`` of ``sys.path`` holds a distribution's metadata (True when it cannot be listed:
    a zip archive, a folder that cannot be read — then it is keyed as any other entry)."""
    try:
        with os.scandir(entry or ".") as found:
            return any(item.name.endswith(_METADATA) for item in found)
    except OSError:
        return True


_DEFAULT: Plugins | None = None


def default_plugins() -> Plugins:
    """The installed plugins, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Plugins()
    return _DEFAULT


def extensions(plugins: Plugins) -> frozenset[str]:
    """File extensions the installed readers handle (for walking folders)."""
    found: set[str] = set()
    for impl in plugins.manager.hook.auditor_formats.get_hookimpls():
        for item in _call(impl):
            found.update(ext.lower() for ext in item.get("extensions", "").split())
    return frozenset(found)
