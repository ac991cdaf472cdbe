#!/usr/bin/env bash
# npm run format: format the C++ (clang-format-14, .clang-format) and the JavaScript (Prettier, pinned in
# package.json, .prettierrc.json) in place. npm run format:check (--check): change nothing, fail on any
# file that is not formatted, naming it. Both skip the paths listed in .format-pending.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SP_ROOT"
check=false
[[ "${1:-}" == "--check" ]] && check=true

pending=()
while read -r line; do
  [[ -z "$line" || "$line" == \#* ]] || pending+=("$line")
done < .format-pending

# Tracked and new (not ignored) files, minus the pending ones.
files() {
  git ls-files --cached --others --exclude-standard -- "$@" | while read -r file; do
    [[ -f "$file" ]] || continue
    for skip in "${pending[@]}"; do
      [[ "$file" == "$skip" || ("$skip" == */ && "$file" == "$skip"*) ]] && continue 2
    done
    echo "$file"
  done
}

mapfile -t cpp < <(files '*.cpp' '*.hpp')
mapfile -t js < <(files '*.mjs' '*.js' '*.ts' '*.json')
if $check; then
  clang-format-14 --dry-run -Werror "${cpp[@]}"
  npx --no-install prettier --check --log-level warn "${js[@]}"
  echo "Formatting: ${#cpp[@]} C++ and ${#js[@]} JavaScript/JSON files as .clang-format and .prettierrc.json say."
else
  clang-format-14 -i "${cpp[@]}"
  npx --no-install prettier --write --log-level warn "${js[@]}"
fi
