"""The standalone bundle: built from a clean client-only environment, then smoke-tested with no Python.

Slow (about two minutes): it creates its own virtual environment, runs PyInstaller and
then `build/smoke.sh` (--version, a demo workspace, a dossier read back, a sync, --self-test).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.xdist_group("bundle")
def test_bundle_builds_and_runs_without_python() -> None:
    build = subprocess.run(["bash", "build/build.sh"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    smoke = subprocess.run(["bash", "build/smoke.sh"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert smoke.returncode == 0, smoke.stdout[-3000:] + smoke.stderr[-3000:]
    assert "HubDesk 0.1.0" in smoke.stdout
    assert "dossier: read back" in smoke.stdout
    assert "sync: outbox sent to the server" in smoke.stdout
    size_mb = int(smoke.stdout.rsplit("bundle size:", 1)[1].split()[0])
    assert size_mb < 400
