#!/usr/bin/env bash
# How long the service (or the hello-world route) takes to reach its steady state: a fresh server on core 0, then N
# windows of 10 s of the same wrk load as measure.sh (1 thread, 50 connections, pinned to core 1), one after another,
# each reported with its requests/s, p99 and the server's CPU per request (from /proc, around each window).
#
#   examples/server/load/warmup.sh decisions 8      # POST /v1/decisions, 8 windows
#   examples/server/load/warmup.sh hello 6          # GET /hello
#
# Needs what measure.sh needs (run measure.sh once first: it writes the request file this reads).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SERVER=examples/server/target/channel-policy-server.jar
TESTS=examples/server/target/test-classes
REQUESTS=examples/server/target/load/requests-${KIND:-domain}.jsonl
name=${1:?hello or decisions}
windows=${2:-8}
[[ -f $REQUESTS ]] || { echo "no $REQUESTS: run examples/server/load/measure.sh once first" >&2; exit 2; }
if [[ $name == hello ]]; then
    taskset -c 0 java -cp "$TESTS:$SERVER" uk.gov.channelpolicy.server.load.HelloWorldServer 8091 > /dev/null 2>&1 &
    url=http://127.0.0.1:8091/hello
    script=()
    probe=$url
else
    taskset -c 0 java -jar "$SERVER" --port 8091 > /dev/null 2>&1 &
    url=http://127.0.0.1:8091
    script=(-s examples/server/load/decisions.lua)
    probe=$url/health
fi
pid=$!
trap 'kill $pid 2> /dev/null || true; wait $pid 2> /dev/null || true' EXIT
for _ in $(seq 1 300); do
    curl -s -o /dev/null "$probe" && break
    sleep 0.1
done
for i in $(seq 1 "$windows"); do
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    report=$(taskset -c 1 wrk -t1 -c50 -d10s --latency "${script[@]}" "$url" -- "$REQUESTS")
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    rate=$(awk '/^Requests\/sec:/ {print $2}' <<< "$report")
    count=$(awk '/requests in/ {print $1}' <<< "$report")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$report")
    cpu=$(awk -v a="$after" -v b="$before" -v n="$count" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", 1e6 * (a - b) / hz / n}')
    echo "window $i: $rate requests/s, p99 $p99, server CPU $cpu µs/request (load average $(cut -d' ' -f1 /proc/loadavg))"
done
