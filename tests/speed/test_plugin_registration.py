"""Registering a plugin module looks only at what can be a hook: its imports (a library deferred with
``lazy_module`` among them), constants and classes are passed over, and never imported or run."""

from __future__ import annotations

import types

from auditor.hookspecs import WARNING, Text, hookimpl, rule
from auditor.lazy import lazy_module
from auditor.plugins import Plugins


@rule(
    code="TST901",
    name="never-fires",
    severity=WARNING,
    summary=Text("测试", "test"),
    explanation=Text("从不报告", "never reports"),
)
def _never(report: object, ctx: object) -> list:
    return []


class _Touchy:
    """A value whose every attribute look-up is a mistake."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"registration looked up {name!r}")


def test_a_plugin_module_is_registered_by_its_hooks_only() -> None:
    module = types.ModuleType("plugin_with_imports")
    module.auditor_rules = hookimpl(lambda: [_never])  # type: ignore[attr-defined]
    module.library = lazy_module("a_library_that_is_not_installed")  # type: ignore[attr-defined]
    module.touchy = _Touchy()  # type: ignore[attr-defined]
    module.LIMIT = 3  # type: ignore[attr-defined]
    plugins = Plugins(extra=[("with-imports", module)], autoload=False)
    info = next(i for i in plugins.infos if i.name == "with-imports")
    assert info.error is None and info.rules == ["TST901"]
    assert "TST901" in plugins.rules


def test_a_misspelt_hook_in_a_module_is_still_found() -> None:
    module = types.ModuleType("plugin_with_typo")
    module.auditor_rulez = hookimpl(lambda: [])  # type: ignore[attr-defined]
    plugins = Plugins(extra=[("typo", module)], autoload=False)
    info = next(i for i in plugins.infos if i.name == "typo")
    assert info.error and "auditor_rulez" in info.error


def test_the_quick_manager_finds_the_hooks_pluggy_finds() -> None:
    """For every built-in plugin module and a module holding every kind of would-be hook, the hook implementations
    registered are exactly those plain pluggy registers (its look-ups skipped only where the answer is known)."""
    import pluggy

    from auditor import hookspecs
    from auditor.plugins import _entry_points, _Manager, builtin

    module = types.ModuleType("every_kind")
    module.auditor_rules = hookimpl(lambda: [_never])  # type: ignore[attr-defined]
    module.auditor_formats = lambda: []  # type: ignore[attr-defined]  # not marked: not a hook
    module.auditor_reporters = staticmethod(hookimpl(lambda: []))  # type: ignore[attr-defined]
    module.helper = lambda: None  # type: ignore[attr-defined]
    modules = [point.load() for point in _entry_points() if builtin(point)] + [module]

    def hooks(manager: pluggy.PluginManager, plugin: object) -> list[str]:
        manager.add_hookspecs(hookspecs)
        manager.register(plugin)
        return sorted(
            name
            for name, caller in vars(manager.hook).items()
            for impl in caller.get_hookimpls()
            if impl.plugin is plugin
        )

    for plugin in modules:
        assert hooks(_Manager(hookspecs.PROJECT), plugin) == hooks(pluggy.PluginManager(hookspecs.PROJECT), plugin)
    assert hooks(_Manager(hookspecs.PROJECT), module) == ["auditor_reporters", "auditor_rules"]


def test_the_quick_manager_reads_the_specifications_pluggy_reads() -> None:
    """The hook specifications (and their options) found in the hookspec module are those plain pluggy finds."""
    import pluggy

    from auditor import hookspecs
    from auditor.plugins import _Manager

    def specs(manager: pluggy.PluginManager) -> dict[str, object]:
        manager.add_hookspecs(hookspecs)
        return {name: caller.spec.opts for name, caller in vars(manager.hook).items() if caller.spec is not None}

    found = specs(_Manager(hookspecs.PROJECT))
    assert found == specs(pluggy.PluginManager(hookspecs.PROJECT))
    assert "auditor_rules" in found and "auditor_read" in found


def test_a_rule_contributed_by_a_plugin_is_the_rule_with_its_plugin_set() -> None:
    import dataclasses

    contributed = _never.with_plugin("tests")
    assert contributed == dataclasses.replace(_never, plugin="tests")
    assert contributed.plugin == "tests" and _never.plugin == "" and contributed is not _never
