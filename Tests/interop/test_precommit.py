"""Runs the repository's .pre-commit-hooks.yaml through the real pre-commit
framework (from PyPI) in a temporary git repository."""
import os
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None and shutil.which("git") is None,
                                reason="pre-commit or git not installed")


def run(cmd, cwd, env):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def test_hook_blocks_and_passes(bin_dir, root, tmp_path):
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")
    repo = tmp_path / "repo"
    repo.mkdir()
    run(["git", "init", "-q"], repo, env)
    run(["git", "config", "user.email", "t@example.com"], repo, env)
    run(["git", "config", "user.name", "t"], repo, env)
    (repo / "clean.txt").write_text("nothing to see here\n")
    run(["git", "add", "clean.txt"], repo, env)
    ok = run(["pre-commit", "try-repo", str(root), "tp-scan", "--files", "clean.txt"], repo, env)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    (repo / "deploy.cfg").write_text("[db]\nhost = 10.20.30.40\nreplica = db-replica.corp\n")
    run(["git", "add", "deploy.cfg"], repo, env)
    bad = run(["pre-commit", "try-repo", str(root), "tp-scan", "--files", "deploy.cfg"], repo, env)
    assert bad.returncode != 0, bad.stdout + bad.stderr
    assert "deploy.cfg:2:" in bad.stdout and "detect_infra/ipv4_private" in bad.stdout
    assert "10.20.30.40" not in bad.stdout  # values are never printed in clear
