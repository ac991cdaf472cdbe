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

stage "Fuzzing (libFuzzer + ASan, ${SP_FUZZ_SECONDS:-20} s per target; SP_FUZZ_SECONDS=600 for a long run)"
[[ -f build/fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"
for target in fuzz_scenario fuzz_operations fuzz_program; do
  corpus="build/fuzz/corpus-$target"
  mkdir -p "$corpus"
  # libFuzzer exits non-zero on a crash, a sanitizer report or a broken invariant (abort).
  if ! "build/fuzz/$target" -max_total_time="${SP_FUZZ_SECONDS:-20}" -print_final_stats=1 -artifact_prefix=build/fuzz/ \
      "$corpus" "fuzz/corpus/${target#fuzz_}" > "build/fuzz/$target.log" 2>&1; then
    tail -n 60 "build/fuzz/$target.log"
    echo "fuzzing found a problem in $target: the input is in build/fuzz/ (crash-*, leak-*, timeout-*)" >&2
    exit 1
  fi
  grep -E "^(stat::number_of_executed_units|Done)" "build/fuzz/$target.log"
done
stage_done

stage "JavaScript and CPython conformance tests (node:test)"
node --expose-gc --test tests/js/ tests/conformance/
stage_done

"$SP_ROOT/scripts/build.sh"   # the browser tests also check dist/

stage "Browser tests (Playwright + Chromium)"
node --test --test-concurrency=1 tests/browser/
stage_done

printf '\nAll suites passed in %ss.\n' "$(( $(date +%s) - started ))"
