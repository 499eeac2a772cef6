#!/usr/bin/env bash
# Usage: bash build/coldstart.sh dist/hubdesk-<version> WORKSPACE_DIR  (needs Xvfb and xwininfo: x11-utils)
# Cold start of the bundle to a mapped HubDesk window under Xvfb (polls xwininfo every 10 ms).
set -u
BUNDLE=$1; WS=$2
export DISPLAY=:77
Xvfb :77 -screen 0 1600x1000x24 >/dev/null 2>&1 & XPID=$!
sleep 1
for run in 1 2 3 4 5; do
  start=$(date +%s.%N)
  env -i PATH=/usr/bin:/bin DISPLAY=:77 HOME=/tmp "$BUNDLE/hubdesk" --data-dir "$WS" >/dev/null 2>&1 & APID=$!
  while ! xwininfo -root -tree 2>/dev/null | grep -q '"HubDesk'; do sleep 0.01; done
  end=$(date +%s.%N)
  echo "run $run: $(awk "BEGIN { printf \"%.2f\", $end - $start }") s"
  kill $APID; wait $APID 2>/dev/null
done
kill $XPID
