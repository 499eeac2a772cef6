#!/usr/bin/env bash
# Installs the Debian packages HubDesk's window, tests and PDF checks need, if missing.
set -euo pipefail
needed=(fonts-dejavu-core poppler-utils qpdf zbar-tools xvfb libxcb-icccm4 libxcb-keysyms1
        libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0
        libegl1 libgl1 libfontconfig1 libdbus-1-3 imagemagick x11-utils)
missing=()
# Debian splits venv out of its Python; other Pythons (pyenv, python.org) have it.
python3 -c "import ensurepip, venv" 2>/dev/null || needed+=(python3-venv)
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]} (no apt-get on this system)" >&2; exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 0; fi
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
