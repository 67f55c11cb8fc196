#!/usr/bin/env bash
# The CLI's batch figure (issue 20, ruling 17): `evaluate --jsonl` over 1,000,000 distinct requests covering the rule
# set's domain, 2 deciding threads, the decisions written to a file (not /dev/null), both with plain `java -jar` and the
# launcher script; wall time, requests/s, CPU seconds and peak RSS from /usr/bin/time.
#
#   examples/benchmarks/measure-batch.sh                  # 1,000,000 requests of the domain (GenerateRequests' default)
#   COUNT=100000 KIND=hits examples/benchmarks/measure-batch.sh   # remembered decisions only: reading and writing alone
#
# Needs the benchmarks and CLI jars: from the repository root, mvn -B -q install -DskipTests
# Targets: >= 300,000 requests/s (the product's own: >= 200,000), RSS < 300 MB either way.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=examples/benchmarks/target/benchmarks.jar
CLI=examples/cli/target/channel-policy.jar
OUT=examples/benchmarks/target/batch
COUNT=${COUNT:-1000000}
KIND=${KIND:-domain}
THREADS=${THREADS:-2}
for file in "$BENCH" "$CLI"; do
    [[ -f $file ]] || { echo "no $file: build first with: mvn -B -q install -DskipTests" >&2; exit 2; }
done
mkdir -p "$OUT"
REQUESTS=$OUT/requests-$KIND-$COUNT.jsonl
[[ -f $REQUESTS ]] || java -cp "$BENCH" uk.gov.channelpolicy.benchmarks.GenerateRequests "$COUNT" "$REQUESTS" 20261126 "$KIND"

run() { # run NAME COMMAND...: one timed batch, decisions to $OUT/decisions.jsonl
    local name=$1
    shift
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.time" "$@" evaluate --jsonl --threads "$THREADS" "$REQUESTS" > "$OUT/decisions.jsonl"
    local lines
    lines=$(wc -l < "$OUT/decisions.jsonl")
    [[ $lines == "$COUNT" ]] || { echo "$name: $lines decisions for $COUNT requests" >&2; exit 1; }
    read -r wall user sys rss < "$OUT/$name.time"
    awk -v name="$name" -v n="$COUNT" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" -v load="$load" 'BEGIN {
        printf "%-14s %9d requests  %6.2f s  %9.0f requests/s  CPU %5.2f s (%.2f µs/request)  peak RSS %4.0f MB  load before %s\n",
            name, n, wall, n / wall, user + sys, 1e6 * (user + sys) / n, rss / 1024, load }' | tee -a "$OUT/summary.txt"
}

echo "== $COUNT requests ($KIND), $THREADS threads, $(nproc) cores" | tee -a "$OUT/summary.txt"
run plain-java-jar java -jar "$CLI"
run launcher examples/cli/channel-policy
