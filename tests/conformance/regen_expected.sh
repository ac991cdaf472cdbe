#!/usr/bin/env bash
# Re-pin tests/conformance/expected/*.jsonl from the CPython reference, one per scenarios/*.json.
# Run it after adding or changing a curated scenario. A diff in an existing file means CPython's
# semantics changed (or the reference did): read the diff before committing it.
#   REFERENCE_PYTHON=python3.12 tests/conformance/regen_expected.sh   # another interpreter
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${REFERENCE_PYTHON:-python3}"
mkdir -p expected
# Traces of scenarios that no longer exist would be pinned forever otherwise.
for pinned in expected/*.jsonl; do
  [ -e "$pinned" ] || continue
  [ -e "scenarios/$(basename "$pinned" .jsonl).json" ] || rm -v "$pinned"
done
for scenario in scenarios/*.json; do
  name="$(basename "$scenario" .json)"
  "$PYTHON" reference.py "$scenario" > "expected/$name.jsonl.tmp"
  mv "expected/$name.jsonl.tmp" "expected/$name.jsonl"
done
echo "pinned $(ls scenarios/*.json | wc -l) traces with $("$PYTHON" --version 2>&1)"
