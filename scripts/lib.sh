# Shared helpers for the project's scripts: stage banners and timings.
# shellcheck shell=bash
SP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # em++ needs Debian's acorn (TOOLCHAIN.md)

stage() {
  SP_STAGE_NAME="$1"
  SP_STAGE_START=$(date +%s)
  printf '\n==> %s\n' "$1"
}

stage_done() {
  printf '    %s: done in %ss\n' "$SP_STAGE_NAME" "$(( $(date +%s) - SP_STAGE_START ))"
}
