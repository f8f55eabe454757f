#!/usr/bin/env bash
# Installs what building and testing Guarantor needs beyond the Rust toolchain, from Debian's
# packages, only when it is missing (so a second run costs nothing):
#   cmake, libclang-dev  the HiGHS MILP solver is built from source by the `highs-sys` crate
#                        (cmake) and bound with bindgen (libclang)
#   chromium             headless browser for the dashboard's browser tests (crates/server)
set -euo pipefail

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
dpkg -s libclang-dev >/dev/null 2>&1 || missing+=(libclang-dev)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} from Debian's packages" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
