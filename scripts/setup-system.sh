#!/usr/bin/env bash
# Install what a fresh Debian 12 machine lacks for building, testing and serving the playground,
# then the npm dependencies from the lock file. Idempotent: installs only what is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# command-or-file to check -> Debian package that provides it
declare -a NEEDS=(
  "cmake:cmake"
  "g++:g++"
  "make:make"
  "clang++-14:clang-14"
  "clang-format-14:clang-format-14"
  "em++:emscripten"
  "/usr/include/catch2/catch.hpp:catch2"
  "/usr/bin/chromium:chromium"
  "python3:python3"
  "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev"
  "/usr/lib/llvm-14/lib/libFuzzer.a:libfuzzer-14-dev"
  "node:nodejs"
  "npm:npm"
)

missing=()
for need in "${NEEDS[@]}"; do
  what="${need%%:*}"; package="${need##*:}"
  if [[ "$what" == /* ]]; then
    [[ -e "$what" ]] || missing+=("$package")
  else
    command -v "$what" >/dev/null 2>&1 || missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  stage "Installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing: ${missing[*]}. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  stage_done
else
  echo "==> System packages: all present"
fi

# npm dependencies from the lock file; reinstall only when the lock file changed.
cd "$SP_ROOT"
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  stage "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  stage_done
fi
