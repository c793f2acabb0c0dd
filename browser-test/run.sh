#!/usr/bin/env bash
# End-to-end test of Neo4j Browser served by ./musig serve, in headless Debian chromium.
#   browser-test/run.sh [DATA_DIR]
# Without DATA_DIR it prepares one with `./musig demo --quick` (about 3 minutes). Needs chromium
# (apt-get install chromium) and Node 18+; installs puppeteer-core (no browser download) on first use.
# The Browser logs in through its connect form as neo4j with the password serve keeps in DATA/neo4j-password.
# Writes target/browser-e2e.png, target/browser-guide.png and browser-guide-step1.png. Exits 0 when the Browser showed the
# musig.recommend result and played the MUSIG guide (:play http://127.0.0.1:PORT/musig/guide).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "chromium not found: apt-get install chromium (or set CHROMIUM)"; exit 2
fi
export CHROMIUM
DATA="${1:-$ROOT/target/browser-e2e-data}"
mkdir -p "$ROOT/target"
if [ ! -d "$DATA/databases" ]; then
  "$ROOT/musig" demo --quick --data "$DATA" > "$ROOT/target/browser-e2e-demo.log"
fi
[ -d "$HERE/node_modules/puppeteer-core" ] || (cd "$HERE" && npm install --no-audit --no-fund > /dev/null)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
BOLT=$(free_port); HTTP=$(free_port)
LOG="$ROOT/target/browser-e2e-server.log"
"$ROOT/musig" serve --data "$DATA" --bolt-port "$BOLT" --http-port "$HTTP" > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "is ready" "$LOG" && break
  kill -0 $SERVER 2>/dev/null || { echo "server did not start:"; tail -20 "$LOG"; exit 1; }
  sleep 1
done
# serve requires a password (generated at its first start on DATA); the Browser's connect form gets it.
MUSIG_NEO4J_PASSWORD="$(cat "$DATA/neo4j-password")" node "$HERE/browser-e2e.mjs" "http://127.0.0.1:$HTTP/" "bolt://127.0.0.1:$BOLT" "$ROOT/target/browser-e2e.png" \
  "$ROOT/target/browser-guide.png"
