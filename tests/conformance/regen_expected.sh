#!/usr/bin/env bash
# Re-pin tests/conformance/expected/*.jsonl from the CPython reference. Run after adding a curated
# scenario; a diff in an existing file means CPython's semantics changed, which deserves a look.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${REFERENCE_PYTHON:-python3}"
mkdir -p expected
for scenario in scenarios/*.json; do
  name="$(basename "$scenario" .json)"
  "$PYTHON" reference.py "$scenario" > "expected/$name.jsonl"
done
echo "pinned $(ls expected | wc -l) traces with $("$PYTHON" --version)"
