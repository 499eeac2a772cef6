#!/usr/bin/env bash
# Smoke test of a built bundle, run with no Python on the PATH:
# --version, a demo workspace, a dossier read back, and --self-test (window offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=$(ls -d dist/hubdesk-*/ | tail -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen HUBDESK_DATA_DIR="$WORK/ws" HOME="$WORK"
unset PYTHONPATH VIRTUAL_ENV
run() { env -u PYTHONHOME "$BUNDLE/hubdesk" "$@"; }
run --version
run demo --enterprises 50 --cases 100
REF=$(run case list --limit 1 --json | sed -n 's/.*"reference": "\([^"]*\)".*/\1/p' | head -1)
echo "case: $REF"
if run dossier --help >/dev/null 2>&1; then
  run dossier "$REF" --lang fr -o "$WORK/dossier.pdf"
  pdftotext "$WORK/dossier.pdf" - | grep -q "$REF"
  echo "dossier: read back $REF"
fi
run --self-test
echo "bundle size: $(du -sm "$BUNDLE" | cut -f1) MB"
