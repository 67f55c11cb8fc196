#!/usr/bin/env bash
# The decision service against a Javalin hello-world route, measured the same way in the same run (issue 20, ruling 17):
# wrk with 1 thread and 50 connections pinned to core 1, the server alone on core 0; loopback.
#
#   examples/server/load/measure.sh                 # 45 s warm-up and 30 s measured, each server (the service reaches its
#                                                   # steady state only after about 40 s of load on its one core)
#   DURATION=10s WARMUP=5s examples/server/load/measure.sh
#   KIND=hits examples/server/load/measure.sh      # requests whose decisions the library remembers: the HTTP path alone
#
# The requests are GenerateRequests' KIND (default domain: the rule set's whole domain, shuffled, each line with its own
# ids and handle), 100,000 of them, posted in turn by decisions.lua.
#
# Needs wrk (apt-get install -y wrk), taskset, 2 cores, and the server's jar and test classes: from the repository root,
#   mvn -B -q install -DskipTests
# Prints each wrk report and a summary: requests/s, p99, and the service's requests/s as a share of hello-world's.
# The target: at least 60% of hello-world's requests/s, with p99 <= 5 ms. Note the load average it prints: other work on
# the machine skews both figures (less so their ratio, as both are measured minutes apart).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SERVER=examples/server/target/channel-policy-server.jar
TESTS=examples/server/target/test-classes
BENCH=examples/benchmarks/target/benchmarks.jar
OUT=examples/server/target/load
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-45s}
for file in "$SERVER" "$TESTS/uk/gov/channelpolicy/server/load/HelloWorldServer.class" "$BENCH"; do
    [[ -e $file ]] || { echo "no $file: build first with: mvn -B -q install -DskipTests" >&2; exit 2; }
done
command -v wrk > /dev/null || { echo "no wrk: apt-get install -y wrk" >&2; exit 2; }
mkdir -p "$OUT"
KIND=${KIND:-domain}
REQUESTS=$OUT/requests-$KIND.jsonl
[[ -f $REQUESTS ]] || java -cp "$BENCH" uk.gov.channelpolicy.benchmarks.GenerateRequests 100000 "$REQUESTS" 20261126 "$KIND"

server_pid=
stop_server() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2> /dev/null || true
        wait "$server_pid" 2> /dev/null || true
        server_pid=
    fi
}
trap stop_server EXIT

cpu_ticks() { # user + system clock ticks of the server process so far
    awk '{print $14 + $15}' "/proc/$server_pid/stat"
}

wait_for() { # wait_for URL: until the server answers
    for _ in $(seq 1 300); do
        if curl -s -o /dev/null "$1"; then return 0; fi
        sleep 0.1
    done
    echo "the server at $1 did not start" >&2
    exit 1
}

measure() { # measure NAME WRK-ARGS...: warm-up, then the measured run into $OUT/NAME.txt
    local name=$1
    shift
    echo "== $name: warm-up $WARMUP (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    taskset -c 1 wrk -t1 -c50 -d"$WARMUP" "$@" > /dev/null
    echo "== $name: measured $DURATION (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    local before after
    before=$(cpu_ticks)
    taskset -c 1 wrk -t1 -c50 -d"$DURATION" --latency "$@" | tee "$OUT/$name.txt"
    after=$(cpu_ticks)
    # The server's CPU time over the measured run: less skewed by other work on the machine than requests/s.
    echo "server_cpu_s $(awk -v a="$after" -v b="$before" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (a - b) / hz}')" >> "$OUT/$name.txt"
    echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/$name.txt"
}

taskset -c 0 java -cp "$TESTS:$SERVER" uk.gov.channelpolicy.server.load.HelloWorldServer 8090 &
server_pid=$!
wait_for http://127.0.0.1:8090/hello
measure hello http://127.0.0.1:8090/hello
stop_server

taskset -c 0 java -jar "$SERVER" --port 8089 > "$OUT/server.log" 2>&1 &
server_pid=$!
wait_for http://127.0.0.1:8089/health
measure decisions -s examples/server/load/decisions.lua http://127.0.0.1:8089 -- "$REQUESTS"
stop_server

rate() { awk '/^Requests\/sec:/ {print $2}' "$OUT/$1.txt"; }
p99() { awk '$1 == "99%" {print $2}' "$OUT/$1.txt"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' "$OUT/$1.txt"; }
cpu_us() { # the server's CPU µs per request answered in the measured run
    awk '/^server_cpu_s/ {cpu = $2} /requests in/ {n = $1} END {printf "%.1f", 1e6 * cpu / n}' "$OUT/$1.txt"
}
hello=$(rate hello)
decisions=$(rate decisions)
{
    echo "hello-world GET /hello:     $hello requests/s, p99 $(p99 hello), server CPU $(cpu_us hello) µs/request $(errors hello)"
    echo "service POST /v1/decisions: $decisions requests/s, p99 $(p99 decisions), server CPU $(cpu_us decisions) µs/request $(errors decisions)"
    echo "service / hello-world:      $(awk -v a="$decisions" -v b="$hello" 'BEGIN {printf "%.1f%%", 100 * a / b}') (target >= 60%, p99 <= 5 ms)"
    echo "requests: $KIND; machine: $(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/summary.txt"
