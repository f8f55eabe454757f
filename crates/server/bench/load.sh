#!/usr/bin/env bash
# Load benchmark of POST /api/assess with wrk: 100 concurrent connections, latency percentiles.
# Starts a release build of `guarantor serve` on a free loopback port, runs wrk against it with
# the August scenario and the US removed, prints wrk's report (p50 and p99 under "Latency
# Distribution"), and stops the server it started.
#
#   crates/server/bench/load.sh [DURATION_SECONDS] [THREADS]
#
# Needs wrk (Debian package `wrk`). Figures depend on the machine and on what else runs on it.
set -euo pipefail

duration="${1:-20}"
threads="${2:-2}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"

command -v wrk >/dev/null 2>&1 || { echo "load.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }

cargo build -q --release -p guarantor
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
./target/release/guarantor serve --scenarios scenarios --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/scenarios" >/dev/null 2>&1 && break
  sleep 0.1
done

body='{"scenario":"ukraine-2025-08","without":["USA"],"set":["scenario.quantity_basis=mid"]}'
script="$(mktemp)"
cat >"$script" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors (non-2xx) %d, %.0f req/s\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
LUA
echo "wrk -t$threads -c100 -d${duration}s --latency POST /api/assess $body" >&2
wrk -t"$threads" -c100 -d"${duration}s" --latency -s "$script" "http://127.0.0.1:$port/api/assess"
rm -f "$script"
