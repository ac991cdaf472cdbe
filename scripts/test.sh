#!/usr/bin/env bash
# npm test: every suite, in order, stopping at the first failure.
#   formatting and types -> C++: native (g++), clang-14 -O2, ASan+UBSan, Wasm under node, libFuzzer
#   (CMake workflow presets: configure, build, test) -> node:test suites (JS, package, CPython
#   conformance) -> real-browser tests (Playwright + Debian's Chromium)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SP_ROOT"
started=$(date +%s)

"$SP_ROOT/scripts/setup-system.sh"

stage "Formatting and types (npm run format:check, npm run typecheck)"
"$SP_ROOT/scripts/format.sh" --check
npx --no-install tsc -p tests/types/tsconfig.json
stage_done

mkdir -p build
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-$(nproc)}"
for preset in native clang asan wasm; do
  stage "C++ tests: workflow preset '$preset'"
  cmake --workflow --preset "$preset" >"build/$preset.log" 2>&1 || { tail -n 80 "build/$preset.log"; exit 1; }
  grep -E "tests passed|tests failed" "build/$preset.log"
  stage_done
done

# Each fuzz target is a CTest test: every seed in fuzz/corpus/, then new inputs; an input that takes
# more than 5 s is a finding (a hang), like a crash, a leak or a broken invariant.
stage "Fuzzing (libFuzzer + ASan, ${SP_FUZZ_SECONDS:-20} s per target; SP_FUZZ_SECONDS=600 for a long run)"
if ! cmake --workflow --preset fuzz >build/fuzz.log 2>&1; then
  tail -n 80 build/fuzz.log
  echo "fuzzing found a problem: the input is in build/fuzz/ (crash-*, leak-*, timeout-*)" >&2
  exit 1
fi
grep -E "stat::number_of_executed_units|Test +#" build/fuzz.log
stage_done

# Test files run side by side: node:test's default is one fewer than the cores (one file at a time
# on CI's 2), and most files wait on CPython or on timers, so two at a time halve the stage (132 ->
# 60 s measured on 2 cores); the suites share nothing on disk.
test_files_at_once=$(( $(nproc) > 2 ? $(nproc) : 2 ))
stage "JavaScript and CPython conformance tests (node:test)"
node --expose-gc --test --test-concurrency="$test_files_at_once" tests/js/ tests/conformance/
stage_done

"$SP_ROOT/scripts/build.sh"   # the browser tests also check dist/

stage "Browser tests (Playwright + Chromium)"
# Two browsers at a time (each file starts its own Chromium and server): 188 -> 146 s on 2 cores; the
# tests wait on the page's state, never on wall-clock durations, so sharing the cores is safe.
node --test --test-concurrency=2 tests/browser/
stage_done

printf '\nAll suites passed in %ss.\n' "$(( $(date +%s) - started ))"
