"""`hubdesk --self-test` opens the window offscreen, goes through the main screens and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_self_test_exits_zero(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("QT_QPA_PLATFORM", None)  # --self-test chooses offscreen itself
    result = subprocess.run(
        [sys.executable, "-m", "hubdesk", "--self-test"], capture_output=True, text=True, env=env, timeout=180
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for step in (
        "case list",
        "search",
        "form rendered",
        "draft saved",
        "dossier",
        "enterprise",
        "language fr",
        "closed",
    ):
        assert f"self-test: {step}" in result.stdout
    assert not (tmp_path / "config" / "hub.brussels").exists()  # the user's window settings are left alone
