#!/usr/bin/env bash
# npm test: every suite, in order, stopping at the first failure.
#   native (g++) -> clang-14 -O2 -> ASan+UBSan -> Wasm under node -> node:test suites (JS, CPython
#   conformance) -> real-browser tests (Playwright + Debian's Chromium)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SP_ROOT"
started=$(date +%s)

"$SP_ROOT/scripts/setup-system.sh"

for preset in native clang asan wasm; do
  stage "C++ tests: preset '$preset'"
  [[ -f "build/$preset/CMakeCache.txt" ]] || cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$(nproc)"
  ctest --preset "$preset" -j"$(nproc)"
  stage_done
done

stage "JavaScript and CPython conformance tests (node:test)"
node --test tests/js/ tests/conformance/
stage_done

"$SP_ROOT/scripts/build.sh"   # the browser tests also check dist/

stage "Browser tests (Playwright + Chromium)"
node --test --test-concurrency=1 tests/browser/
stage_done

printf '\nAll suites passed in %ss.\n' "$(( $(date +%s) - started ))"
