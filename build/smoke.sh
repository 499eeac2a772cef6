#!/usr/bin/env bash
# Smoke test of a built bundle, run with no Python on the PATH:
# --version, a demo workspace, a dossier read back, a sync against a server, and
# --self-test (window offscreen). The server is the development one (SERVER_HUBDESK,
# default .venv/bin/hubdesk): the bundle is the client only.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER_HUBDESK=${SERVER_HUBDESK:-$PWD/.venv/bin/hubdesk}
BUNDLE=$(ls -d dist/hubdesk-*/ | tail -1)
WORK=$(mktemp -d)
SERVER_PID=""
trap '[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen HUBDESK_DATA_DIR="$WORK/ws" HOME="$WORK"
unset PYTHONPATH VIRTUAL_ENV
run() { env -u PYTHONHOME "$BUNDLE/hubdesk" "$@"; }
run --version
run demo --enterprises 50 --cases 100
REF=$(run case list --limit 1 --json | sed -n 's/.*"reference": "\([^"]*\)".*/\1/p' | head -1)
echo "case: $REF"
run dossier "$REF" --lang fr -o "$WORK/dossier.pdf"
pdftotext "$WORK/dossier.pdf" - | grep -q "$REF"
echo "dossier: read back $REF"

# Sync: an edit made with the bundle reaches the server and the outbox empties.
DB="sqlite:///$WORK/server.sqlite"
PORT=$((20000 + RANDOM % 20000))
echo "smoke-test-password" | "$SERVER_HUBDESK" server --database-url "$DB" user add ann --role advisor --scope commune:21004
"$SERVER_HUBDESK" server --database-url "$DB" --port "$PORT" run >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
run enterprise add --number 0403.019.261 --name "Café Smoke" --postal-code 1000
echo "smoke-test-password" | run login --server "http://127.0.0.1:$PORT" --user ann --session-only
echo "smoke-test-password" | run sync --ask-password
run sync --status --json | grep -q '"outbox_size": 0'
echo "sync: outbox sent to the server"
run --self-test
echo "bundle size: $(du -sm "$BUNDLE" | cut -f1) MB"
