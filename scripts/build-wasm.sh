#!/usr/bin/env bash
# Build the Wasm module into web/generated/ if any source changed (CMake decides what is stale).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SP_ROOT"
stage "Building the Wasm module (Emscripten; the first build fills Emscripten's cache and takes a few minutes)"
# Configure every time (a no-op when nothing changed): CMake, not this script, decides what is stale.
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j"$(nproc)" --target semaphore_runtime semaphore_runtime_single
stage_done
