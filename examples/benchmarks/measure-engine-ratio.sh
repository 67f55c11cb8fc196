#!/usr/bin/env bash
# The engine path against naive Drools (issue 20: at least 1.5x, ruling 17), measured so that the machine's drift
# cannot decide it. On a shared 2-core VM the speed of this pointer-chasing work moves by 40% and more from one minute
# to the next, so one JMH run (every fork of one subject, then every fork of the other) compares two different
# minutes. Here each round runs one fork of each subject back to back, the order turning by one place each round, and
# the ratio is taken inside the round; the median of the rounds' ratios is the figure, printed beside each round's.
#
#   examples/benchmarks/measure-engine-ratio.sh            # 6 rounds, the 1,000-request mix
#   ROUNDS=10 STREAM=domain examples/benchmarks/measure-engine-ratio.sh
#   ENGINE=channel-policy-uncached,kept-drools,kept-drools-compiled-alpha examples/benchmarks/measure-engine-ratio.sh
#       # what-ifs beside the engine path: Drools alone as the engine drives it, and with its alpha network compiled
#
# Needs the benchmarks jar: from the repository root, mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=examples/benchmarks/target/benchmarks.jar
OUT=examples/benchmarks/target/engine-ratio
ROUNDS=${ROUNDS:-6}
STREAM=${STREAM:-mix}
ENGINE=${ENGINE:-channel-policy-uncached}
NAIVE=naive-drools
[[ -f $BENCH ]] || { echo "no $BENCH: build first with: mvn -B -q install -DskipTests" >&2; exit 2; }
mkdir -p "$OUT"

p50() { # p50 SUBJECT ROUND: one fork of the subject; prints its p50 in µs
    local csv="$OUT/$1-$2.csv"
    java -jar "$BENCH" DecisionBenchmark.latency -p subject="$1" -p stream="$STREAM" -f 1 -wi 3 -w 3s -i 3 -r 3s \
        -rf csv -rff "$csv" > "$OUT/$1-$2.txt" 2>&1
    awk -F, '$1 ~ /latency:p0.50"?$/ { gsub(/"/, "", $5); print $5 }' "$csv"
}

# Each round runs naive Drools and every subject of ENGINE once, starting one place further along the list each round.
read -r -a engines <<< "${ENGINE//,/ }"
subjects=("$NAIVE" "${engines[@]}")
for ((round = 1; round <= ROUNDS; round++)); do
    declare -A p=()
    for ((i = 0; i < ${#subjects[@]}; i++)); do
        s=${subjects[(i + round - 1) % ${#subjects[@]}]}
        p[$s]=$(p50 "$s" "$round")
    done
    for e in "${engines[@]}"; do
        ratio=$(awk -v e="${p[$e]}" -v n="${p[$NAIVE]}" 'BEGIN { printf "%.3f", n / e }')
        echo "$e $ratio" >> "$OUT/ratios-$$.txt"
        printf "round %2d  %s p50 %6.3f us  naive Drools p50 %6.3f us  ratio %sx  load %s\n" \
            "$round" "$e" "${p[$e]}" "${p[$NAIVE]}" "$ratio" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/summary.txt"
    done
    unset p
done
for e in "${engines[@]}"; do
    awk -v e="$e" '$1 == e { print $2 }' "$OUT/ratios-$$.txt" | sort -n | awk -v e="$e" '{ r[NR] = $1 } END {
        m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
        printf "%s: median of %d rounds: %.3fx (lowest %.3fx, highest %.3fx); the engine path\x27s floor: 1.5x\n", e, NR, m, r[1], r[NR] }' \
        | tee -a "$OUT/summary.txt"
done
rm -f "$OUT/ratios-$$.txt"
