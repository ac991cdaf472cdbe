#!/usr/bin/env bash
# npm start: install what is missing, build what is stale, serve the playground on localhost.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$SP_ROOT/scripts/setup-system.sh"
"$SP_ROOT/scripts/build-wasm.sh"
"$SP_ROOT/scripts/build-editor.sh"   # the code editor, loaded only when a learner edits
cd "$SP_ROOT"
PORT="${PORT:-8080}"
printf '\n==> Serving the playground: open http://localhost:%s/  (Ctrl+C stops)\n\n' "$PORT"
exec npx --no-install sirv . --port "$PORT" --host 127.0.0.1 --dev --quiet
