#!/usr/bin/env bash
# Build the HubDesk one-folder bundle from a clean, client-only environment.
#   bash build/build.sh            -> dist/hubdesk-<version>/
# Work files: build/.work (ignored). Same command on macOS; on Windows run the two
# pyinstaller/pip lines from PowerShell (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
ENV=build/.work/venv
export UV_PYTHON_DOWNLOADS=never
if [ ! -x "$ENV/bin/python" ]; then
  mkdir -p build/.work
  if command -v uv >/dev/null 2>&1; then uv venv --quiet -p "$PYTHON" "$ENV"; else "$PYTHON" -m venv "$ENV"; fi
fi
# Installed from a copy so that setuptools' own build folders stay out of the tracked build/.
SRC=build/.work/src
rm -rf "$SRC" && mkdir -p "$SRC"
cp -r pyproject.toml README.md hubdesk "$SRC/"
if command -v uv >/dev/null 2>&1; then
  uv pip install --quiet -p "$ENV/bin/python" "$SRC[bundle]"
else
  "$ENV/bin/python" -m pip install --quiet "$SRC[bundle]"
fi
"$ENV/bin/python" -m hubdesk.kernel.catalogs compile
"$ENV/bin/pyinstaller" build/hubdesk.spec --noconfirm --log-level WARN --workpath build/.work/pyinstaller --distpath dist
echo "bundle: $(ls -d dist/hubdesk-*/ | tail -1)"
