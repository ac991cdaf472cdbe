#!/usr/bin/env bash
# npm pack / npm publish (prepack): the package ships the Wasm runtime (web/generated/), which is built,
# never committed. Build it if any source changed, or fail saying what is missing. Progress goes to
# stderr: `npm pack --json` keeps stdout for its JSON.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SP_ROOT"
missing=()
for tool in cmake em++ node; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]})); then
  echo "npm pack: the package includes the Wasm runtime, and building it needs ${missing[*]}." >&2
  echo "  Install them with scripts/setup-system.sh (Debian 12: cmake, emscripten), then pack again." >&2
  exit 1
fi
"$SP_ROOT/scripts/build-wasm.sh" >&2
"$SP_ROOT/scripts/build-editor.sh" >&2
for file in web/generated/semaphore_runtime.mjs web/generated/semaphore_runtime.wasm web/generated/semaphore_runtime.single.mjs; do
  [[ -s "$file" ]] || { echo "npm pack: the build did not produce $file" >&2; exit 1; }
done
