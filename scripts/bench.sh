#!/usr/bin/env bash
# npm run bench: install what is missing (Debian packages, npm dependencies from the lock file), the
# same setup as npm start and npm test, then measure (bench/run.mjs builds what it measures).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$SP_ROOT/scripts/setup-system.sh" >&2
exec node "$SP_ROOT/bench/run.mjs" "$@"
