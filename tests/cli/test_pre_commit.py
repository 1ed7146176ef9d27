"""``.pre-commit-hooks.yaml``: pre-commit installs the project and runs ``auditor check`` on the report files given.

The hook is run for real with ``pre-commit try-repo``: pre-commit clones the project, builds a virtualenv and
pip-installs it there (from the package index: this takes a while, some 20 s here), then runs the hook in a
temporary git repository holding a failing and a passing report. The project is first copied as it stands in the
working tree (tracked and new files, not ignored ones) into a repository of its own, so that uncommitted work is
what gets tested — ``try-repo`` alone would leave out files not yet added to git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED_FILES

GIT_IDENTITY = ["-c", "user.name=auditor tests", "-c", "user.email=tests@auditor.invalid", "-c", "commit.gpgsign=false"]


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("AUDITOR_DISABLE_PLUGIN_AUTOLOAD", None)  # the hook runs as a user's would: its plugins are loaded
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    return env


def _git(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _project_copy(tmp_path: Path, env: dict[str, str]) -> Path:
    listed = _git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, env)
    copy = tmp_path / "project"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out, as a commit would
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    _git(["init", "-q"], copy, env)
    _git(["add", "-A"], copy, env)
    _git(["commit", "-q", "-m", "working tree"], copy, env)
    return copy


def _pre_commit(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
        check=False,
    )


def test_manifest_is_valid() -> None:
    result = _pre_commit(["validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], ROOT, dict(os.environ))
    assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_fails_a_bad_report_and_passes_a_good_one(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    project = _project_copy(tmp_path, env)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(SEED_FILES["001"], drafts / "dianxia-2023.txt")  # cites the superseded format notice: errors
    shutil.copy(SEED_FILES["004"], drafts / "baiquan-2021.txt")  # info findings only: passes
    (drafts / "notes.csv").write_text("not a report\n", encoding="utf-8")  # not matched by the hook's files
    _git(["init", "-q"], drafts, env)
    _git(["add", "-A"], drafts, env)
    _git(["commit", "-q", "-m", "drafts"], drafts, env)

    both = _pre_commit(
        ["try-repo", str(project), "auditor", "--files", "dianxia-2023.txt", "baiquan-2021.txt", "notes.csv"],
        drafts,
        env,
    )
    output = both.stdout + both.stderr
    assert both.returncode == 1, output
    assert "Failed" in output and "- exit code: 1" in output
    assert "dianxia-2023.txt  (樟树市店下镇人民政府 · 2023 · 2021)" in output
    assert "CIT001" in output and "已被取代" in output  # the rule by its Chinese title
    assert "baiquan-2021.txt  (白泉镇 · 2021 · 2021)" in output
    assert "notes.csv" not in output  # the hook's `files` pattern leaves it out
    assert "共 2 个文件，1 个未过检查门槛" in output

    good = _pre_commit(["try-repo", str(project), "auditor", "--files", "baiquan-2021.txt"], drafts, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def _readme_pre_commit_config() -> dict:
    import re

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, flags=re.S) if "pre-commit" in b or "rev:" in b)
    return yaml.safe_load(block)


def test_readme_config_pins_a_commit_and_names_plugins() -> None:
    (repo,) = _readme_pre_commit_config()["repos"]
    assert len(repo["rev"]) == 40 and all(c in "0123456789abcdef" for c in repo["rev"])  # a full commit, not a tag
    (hook,) = repo["hooks"]
    assert hook["id"] == "auditor" and hook["additional_dependencies"]


def test_readme_config_runs_as_written(tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, placeholders filled in: this project at its commit, the example plugin
    as the additional dependency (from its folder: it is not on the package index). The plugin's rule runs in the
    hook's own environment, and the missing baseline is an empty one."""
    import yaml

    env = _environment(tmp_path)
    project = _project_copy(tmp_path, env)
    config = _readme_pre_commit_config()
    (repo,) = config["repos"]
    repo["repo"] = str(project)
    repo["rev"] = _git(["rev-parse", "HEAD"], project, env).strip()
    (hook,) = repo["hooks"]
    assert hook["additional_dependencies"] == ["auditor-plugin-units"]
    hook["additional_dependencies"] = [str(project / "examples" / "plugin-example")]
    drafts = tmp_path / "drafts"
    (drafts / "reports").mkdir(parents=True)
    shutil.copy(SEED_FILES["004"], drafts / "reports" / "baiquan-2021.txt")  # info findings only, UNIT001 among them
    (drafts / "README.md").write_text("not a report\n", encoding="utf-8")  # outside `files`
    (drafts / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    _git(["init", "-q"], drafts, env)
    _git(["add", "-A"], drafts, env)
    _git(["commit", "-q", "-m", "drafts"], drafts, env)
    good = _pre_commit(["run", "--all-files", "--verbose"], drafts, env)
    output = good.stdout + good.stderr
    assert good.returncode == 0, output
    assert "UNIT001" in output  # the plugin of additional_dependencies ran in the hook's environment
    assert "auditor-baseline.json" in output and "README.md" not in output
    shutil.copy(SEED_FILES["001"], drafts / "reports" / "dianxia-2023.txt")  # errors: the gate fails
    _git(["add", "-A"], drafts, env)
    bad = _pre_commit(["run", "--all-files"], drafts, env)
    assert bad.returncode == 1 and "CIT001" in bad.stdout + bad.stderr
