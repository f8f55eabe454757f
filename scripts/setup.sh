#!/usr/bin/env bash
# Installs what building and testing Guarantor needs beyond the Rust toolchain, from Debian's
# packages, only when it is missing (so a second run costs nothing):
#   coinor-libcbc-dev    the CBC MILP solver that `guarantor allocate` links (Debian's build, so
#                        nothing is compiled from C++ source)
#   chromium             headless browser for the dashboard's browser tests (crates/server)
set -euo pipefail

missing=()
dpkg -s coinor-libcbc-dev >/dev/null 2>&1 || missing+=(coinor-libcbc-dev)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} from Debian's packages" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
