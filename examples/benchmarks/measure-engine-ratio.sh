#!/usr/bin/env bash
# The engine path against naive Drools (issue 20: at least 1.5x, ruling 17), measured so that the machine's drift
# cannot decide it. On a shared 2-core VM the speed of this pointer-chasing work moves by 40% and more from one minute
# to the next, so one JMH run (every fork of one subject, then every fork of the other) compares two different
# minutes. Here each round runs one fork of each subject back to back, in turn first and second, and the ratio is taken
# inside the round; the median of the rounds' ratios is the figure, printed beside each round's.
#
#   examples/benchmarks/measure-engine-ratio.sh            # 6 rounds, the 1,000-request mix
#   ROUNDS=10 STREAM=domain examples/benchmarks/measure-engine-ratio.sh
#
# Needs the benchmarks jar: from the repository root, mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=examples/benchmarks/target/benchmarks.jar
OUT=examples/benchmarks/target/engine-ratio
ROUNDS=${ROUNDS:-6}
STREAM=${STREAM:-mix}
ENGINE=channel-policy-uncached
NAIVE=naive-drools
[[ -f $BENCH ]] || { echo "no $BENCH: build first with: mvn -B -q install -DskipTests" >&2; exit 2; }
mkdir -p "$OUT"

p50() { # p50 SUBJECT ROUND: one fork of the subject; prints its p50 in µs
    local csv="$OUT/$1-$2.csv"
    java -jar "$BENCH" DecisionBenchmark.latency -p subject="$1" -p stream="$STREAM" -f 1 -wi 3 -w 3s -i 3 -r 3s \
        -rf csv -rff "$csv" > "$OUT/$1-$2.txt" 2>&1
    awk -F, '$1 ~ /latency:p0.50"?$/ { gsub(/"/, "", $5); print $5 }' "$csv"
}

ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2)); then
        engine=$(p50 "$ENGINE" "$round")
        naive=$(p50 "$NAIVE" "$round")
    else
        naive=$(p50 "$NAIVE" "$round")
        engine=$(p50 "$ENGINE" "$round")
    fi
    ratio=$(awk -v e="$engine" -v n="$naive" 'BEGIN { printf "%.3f", n / e }')
    ratios+=("$ratio")
    printf "round %2d  engine path p50 %6.3f us  naive Drools p50 %6.3f us  ratio %sx  load %s\n" \
        "$round" "$engine" "$naive" "$ratio" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/summary.txt"
done
printf "%s\n" "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END {
    m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
    printf "median of %d rounds: %.3fx (lowest %.3fx, highest %.3fx); target >= 1.5x\n", NR, m, r[1], r[NR] }' \
    | tee -a "$OUT/summary.txt"
