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
