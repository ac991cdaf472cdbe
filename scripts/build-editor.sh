#!/usr/bin/env bash
# The code editor's bundle: CodeMirror 6 and web/editor/codemirror-entry.mjs, bundled and minified by
# esbuild into web/generated/editor.mjs (served from our own files; the page imports it only when the
# learner chooses to edit). Rebuilt when the entry or the lock file is newer than the bundle.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SP_ROOT"
out=web/generated/editor.mjs
if [[ -f "$out" && "$out" -nt web/editor/codemirror-entry.mjs && "$out" -nt package-lock.json ]]; then
  exit 0
fi
stage "Bundling the code editor (esbuild)"
mkdir -p web/generated
node_modules/.bin/esbuild web/editor/codemirror-entry.mjs --bundle --minify --format=esm --target=es2022 \
  --legal-comments=eof --outfile="$out" --log-level=warning
stage_done
