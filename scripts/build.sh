#!/usr/bin/env bash
# npm run build: the Wasm module, then dist/ — the page and its assets for any static host.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SP_ROOT"
"$SP_ROOT/scripts/build-wasm.sh"
"$SP_ROOT/scripts/build-editor.sh"   # the code editor, loaded only when a learner edits
stage "Writing dist/"
rm -rf dist
mkdir -p dist
cp index.html dist/
[[ -f embed-example.html ]] && cp embed-example.html dist/
cp -r web dist/web
cp -r examples dist/examples   # the example course page (examples/course.html), next to web/ as in the repository
stage_done
echo "dist/ is ready: serve it with any static file server (e.g. npx sirv dist)."
