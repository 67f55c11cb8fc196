#!/usr/bin/env bash
# Runs every measurement behind docs/performance.md, in one go, and prints its tables.
#
#   examples/benchmarks/run-benchmarks.sh            # the full run: about 20 minutes on 2 cores
#   examples/benchmarks/run-benchmarks.sh --quick    # a smoke run: short JMH iterations, fewer repeats, 100k batch only
#
# Needs the benchmarks jar (and, for the CLI figures, the CLI jar): from the repository root,
#   mvn -B -q install -DskipTests
# Raw results go to examples/benchmarks/target/results; the tables to results/table.md (and stdout).
# Extra JMH options can be given in JMH_OPTIONS, e.g. JMH_OPTIONS="-p subject=channel-policy,naive-drools".
set -euo pipefail

cd "$(dirname "$0")/../.."
BENCH=examples/benchmarks/target/benchmarks.jar
CLI=examples/cli/target/channel-policy.jar
RULES=rules-dh/src/main/resources/rulesets/dh
OUT=examples/benchmarks/target/results
PACKAGE=uk.gov.channelpolicy.benchmarks

if [[ ! -f $BENCH ]]; then
    echo "no $BENCH: build it first with: mvn -B -q install -DskipTests" >&2
    exit 2
fi

# Warm-up is long because Drools' decision path takes 20 s or more to reach steady state under the JIT on 2 cores.
JMH_SETTINGS=(-f 1 -wi 5 -w 5s -i 5 -r 5s)
STARTS=10
SIZES=(100000 1000000)
if [[ ${1:-} == --quick ]]; then
    JMH_SETTINGS=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
    STARTS=3
    SIZES=(100000)
fi

# Incremental builds of rules-dh (install without clean) leave earlier executable models' classes in the jar, and
# build() reads and checks every class in it: the start-up figures are then not the rule set's.
models=$(unzip -l "$(dirname "$BENCH")/lib/channel-policy-rules-dh-1.0.0-SNAPSHOT.jar" | grep -cE '/Rules[0-9A-F]+\.class$' || true)
if (( models > 1 )); then
    echo "warning: the rules-dh jar holds $models executable models, not 1: rebuild with mvn -B -q clean install -DskipTests" >&2
fi

mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.json "$OUT"/*.jsonl "$OUT"/*.jsa "$OUT"/table.md

load() { # load PHASE: notes the load average as a phase starts: other work on the machine skews every figure
    echo "$1 $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
}

timed() { # timed RESULT-FILE PREFIX COMMAND...: appends "PREFIX wall_s=… max_rss_kb=…" for one run of COMMAND
    local file=$1 prefix=$2
    shift 2
    /usr/bin/time -f "$prefix wall_s=%e max_rss_kb=%M" -a -o "$file" "$@" > /dev/null
}

timed_to() { # timed_to OUTPUT RESULT-FILE PREFIX COMMAND...: as timed, the command's output to a file (ruling 17: not /dev/null)
    local output=$1 file=$2 prefix=$3
    shift 3
    /usr/bin/time -f "$prefix wall_s=%e max_rss_kb=%M" -a -o "$file" "$@" > "$output"
}

echo "== machine" >&2
{
    echo "nproc: $(nproc)"
    lscpu | head -20 | grep -v '^Flags'
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' plus uncommitted changes')"
    free -h
    java -version 2>&1
} > "$OUT/machine.txt"

load jmh
echo "== steady state (JMH): every subject, latency on 1 thread and throughput on 2" >&2
# shellcheck disable=SC2086
java -jar "$BENCH" DecisionBenchmark "${JMH_SETTINGS[@]}" -rf json -rff "$OUT/jmh.json" ${JMH_OPTIONS:-} | tee "$OUT/jmh.txt"

if command -v node > /dev/null 2>&1; then
    load cedar
    echo "== Cedar-wasm 4.13.0 on the same 1,000-request mix (examples/benchmarks/cedar)" >&2
    examples/benchmarks/cedar/run.sh | tee "$OUT/cedar.txt"
else
    echo "== no node: skipping the Cedar-wasm comparison" >&2
fi

load decision-log
echo "== the decision log's cost (JMH): off, and on under each fsync policy" >&2
java -jar "$BENCH" DecisionLogBenchmark "${JMH_SETTINGS[@]}" -rf json -rff "$OUT/jmh-decision-log.json" | tee "$OUT/jmh-decision-log.txt"

load authoring
echo "== the policy writer's loop in a warm JVM (JMH): validate, and load and test, the DH directory" >&2
java -jar "$BENCH" AuthoringBenchmark "${JMH_SETTINGS[@]}" -rf json -rff "$OUT/jmh-authoring.json" | tee "$OUT/jmh-authoring.txt"

load start-up
echo "== start-up: $STARTS fresh JVMs per mode" >&2
for _ in $(seq "$STARTS"); do
    java -Dprobe.launchedAtMillis="$(date +%s%3N)" -cp "$BENCH" "$PACKAGE.StartupProbe" jar >> "$OUT/startup-jar.txt"
    java -Dprobe.launchedAtMillis="$(date +%s%3N)" -cp "$BENCH" "$PACKAGE.StartupProbe" directory "$RULES" >> "$OUT/startup-directory.txt"
done

echo "== start-up with an application class-data-sharing archive (the embedder's JVM option): $STARTS fresh JVMs" >&2
rm -f "$OUT/probe.jsa"
java -XX:ArchiveClassesAtExit="$OUT/probe.jsa" -cp "$BENCH" "$PACKAGE.StartupProbe" jar > /dev/null 2>&1
for _ in $(seq "$STARTS"); do
    java -XX:SharedArchiveFile="$OUT/probe.jsa" -Dprobe.launchedAtMillis="$(date +%s%3N)" -cp "$BENCH" "$PACKAGE.StartupProbe" jar >> "$OUT/startup-jar-cds.txt"
done

echo "== start-up phases: $STARTS fresh JVMs" >&2
for _ in $(seq "$STARTS"); do
    java -cp "$BENCH" "$PACKAGE.StartupPhases" >> "$OUT/startup-phases.txt"
done

load heap
echo "== heap retained per rule set" >&2
java -cp "$BENCH" "$PACKAGE.RetainedHeap" jar 5 > "$OUT/heap-jar.txt"
java -cp "$BENCH" "$PACKAGE.RetainedHeap" directory "$RULES" 5 > "$OUT/heap-directory.txt"

if [[ -f $CLI ]]; then
    load cli
    echo "== CLI: one-shot evaluate, $STARTS runs with java -jar and $STARTS with the launcher examples/cli/channel-policy" >&2
    java -cp "$BENCH" "$PACKAGE.GenerateRequests" 1 "$OUT/one-request.json"
    for _ in $(seq "$STARTS"); do
        timed "$OUT/cli-oneshot.txt" "" java -jar "$CLI" evaluate "$OUT/one-request.json"
        timed "$OUT/cli-oneshot-launcher.txt" "" examples/cli/channel-policy evaluate "$OUT/one-request.json"
    done
    load authoring
    echo "== CLI: validate and test of the DH directory, $STARTS runs each with java -jar" >&2
    for _ in $(seq "$STARTS"); do
        timed "$OUT/cli-validate.txt" "" java -jar "$CLI" validate "$RULES"
        timed "$OUT/cli-test.txt" "" java -jar "$CLI" test --rules "$RULES"
    done
    for size in "${SIZES[@]}"; do
        load "batch-$size"
        echo "== CLI: evaluate --jsonl over $size requests" >&2
        java -cp "$BENCH" "$PACKAGE.GenerateRequests" "$size" "$OUT/requests-$size.jsonl"
        timed_to "$OUT/decisions.jsonl" "$OUT/batch-$size.txt" "requests=$size" examples/cli/channel-policy evaluate --jsonl --threads 2 "$OUT/requests-$size.jsonl"
        timed_to "$OUT/decisions.jsonl" "$OUT/batch-$size-plain-java.txt" "requests=$size" java -jar "$CLI" evaluate --jsonl --threads 2 "$OUT/requests-$size.jsonl"
        rm -f "$OUT/requests-$size.jsonl" "$OUT/decisions.jsonl"
    done
else
    echo "== no $CLI: skipping the CLI figures" >&2
fi

load end
java -cp "$BENCH" "$PACKAGE.PerformanceReport" "$OUT" | tee "$OUT/table.md"
