#!/usr/bin/env bash
# The audit's speed, in one command: the Spark job on local[1] and local[2], the CLI batch (`channel-policy evaluate
# --jsonl`) and the library in a plain Java loop, on the same generated records, in one session.
#
# Usage, from anywhere:   examples/spark-audit/measure.sh RECORDS [WORKDIR]      (the figures in docs/performance.md: 1000000)
#   Builds the audit and the CLI first when their jars are missing (MVN_ARGS passes options to Maven, e.g. "-o");
#   BUILD=1 rebuilds them anyway. SKIP_TWO_THREADS=1 skips the 2-thread loop. Needs /usr/bin/time (Debian: time), python3.
#   PIN=1 runs each Spark job on as many cores as it has task threads (taskset: local[1] on core 0, local[2] on cores
#   0 and 1), as an executor given N cores is; without it local[1] borrows a second core for its GC, JIT and Spark's own
#   threads, which on a 2-core machine leaves local[2] nothing to gain. PIN=1 needs nproc of 2 or more and taskset.
#
# Prints one line per command (wall seconds, records/s, process CPU, peak RSS, the load average before and after),
# then the deciding stage of each Spark run from its run.json (the stage that reads, decides and writes every record),
# then a summary: records/s per core of the deciding stage beside the CLI batch, local[2] against local[1], and the
# targets of issue 19 (50,000 records/s per core; local[2] at least 1.6x local[1], on a quiet machine).
set -euo pipefail
records=${1:?how many records, e.g. 1000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${2:-$here/target/measure}
mkdir -p "$work/snapshot"
cores=$(nproc)

if [ "${BUILD:-}" = 1 ] || [ ! -f "$here/target/spark-audit.args" ] || [ ! -f "$here/target/channel-policy-spark-audit-1.0.0-SNAPSHOT.jar" ] \
    || [ ! -f "$root/examples/cli/target/channel-policy.jar" ]; then
  echo "building the audit and the CLI (mvn -B -q ${MVN_ARGS:-} -Pspark -pl examples/spark-audit,examples/cli -am package -DskipTests)"
  # shellcheck disable=SC2086
  (cd "$root" && mvn -B -q ${MVN_ARGS:-} -Pspark -pl examples/spark-audit,examples/cli -am package -DskipTests)
fi

# Measure a snapshot: this module, core, rules-dh and the CLI may be rebuilt (in target/, ~/.m2, examples/cli) while this runs.
unzip -tq "$here/target/lib/channel-policy-core-1.0.0-SNAPSHOT.jar" > /dev/null
unzip -tq "$here/target/lib/channel-policy-rules-dh-1.0.0-SNAPSHOT.jar" > /dev/null
cp "$here"/target/lib/channel-policy-*.jar "$here"/target/channel-policy-spark-audit-1.0.0-SNAPSHOT.jar "$work/snapshot/"
args=$work/snapshot/spark-audit.args
sed -E -e "s#[^:]*/channel-policy-(core|rules-dh)-1\.0\.0-SNAPSHOT\.jar#$work/snapshot/channel-policy-\1-1.0.0-SNAPSHOT.jar#g" \
  -e "s#$here/target/classes#$work/snapshot/channel-policy-spark-audit-1.0.0-SNAPSHOT.jar#" \
  "$here/target/spark-audit.args" > "$args"
rm -rf "$work/snapshot/cli" && mkdir -p "$work/snapshot/cli"
cp -r "$root/examples/cli/target/channel-policy.jar" "$root/examples/cli/target/lib" "$work/snapshot/cli/"
cli=$work/snapshot/cli/channel-policy.jar
archive=$work/archive-$records.jsonl
requests=$work/requests-$records.jsonl
load() { cut -d' ' -f1-3 /proc/loadavg; }

measure() { # name, command...
  local name=$1; shift
  local log=$work/$name-$records.time before
  before=$(load)
  /usr/bin/time -v "$@" > "$work/$name-$records.out" 2> "$log" || { echo "$name failed: see $log"; tail -5 "$log"; return 1; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$log")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$log")
  printf '%-22s %9.1f s wall %10.0f records/s %9.1f s CPU %6d MiB max RSS   (load %s before, %s after)\n' \
    "$name" "$wall" "$(echo "$records / $wall" | bc -l)" "$cpu" "$rss" "$before" "$(load)"
  printf '{"wall": %s, "cpu": %s, "loadBefore": "%s", "loadAfter": "%s"}\n' "$wall" "$cpu" "$before" "$(load)" > "$work/$name-$records.json"
}

if [ ! -s "$archive" ] || [ ! -s "$requests" ]; then
  measure generate java @"$args" uk.gov.channelpolicy.audit.GenerateArchive --records "$records" --seed 42 \
    --output "$archive" --requests "$requests"
fi
measure loop-1-thread java @"$args" uk.gov.channelpolicy.audit.LoopBaseline --input "$archive" --threads 1
if [ "${SKIP_TWO_THREADS:-}" != 1 ]; then
  measure loop-2-threads java @"$args" uk.gov.channelpolicy.audit.LoopBaseline --input "$archive" --threads 2
fi
# The batch writes its decisions to a file, as the audit writes its own; exit 2 means some requests were invalid (the 1%).
measure cli-evaluate-jsonl sh -c "java -jar '$cli' evaluate --jsonl '$requests' > '$work/cli-decisions-$records.jsonl'; test \$? -le 2"
for n in 1 2; do
  rm -rf "$work/audit-local-$n-$records"
  pin=()
  if [ "${PIN:-}" = 1 ]; then
    pin=(taskset -c "0-$((n - 1))")
  fi
  measure "spark-local-$n" "${pin[@]}" java @"$args" uk.gov.channelpolicy.audit.AuditJob --master "local[$n]" --input "$archive" \
    --output "$work/audit-local-$n-$records" --max-invalid 2%
done
cat "$work/spark-local-2-$records.out"
echo
python3 - "$work" "$records" "$cores" "${PIN:-}" <<'PY'
import json, sys
work, records, cores, pinned = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
def run(name):
    return json.load(open("%s/%s-%d.json" % (work, name, records)))
stages = {}
for n in (1, 2):
    s = json.load(open("%s/audit-local-%d-%d/run.json" % (work, n, records)))["decidingStage"]
    stages[n] = s
    r = run("spark-local-%d" % n)
    print("deciding stage, local[%d]: %d records in %.1f s on %d core(s): %d records/s per core; %.1f s of task CPU, %d records"
          " per CPU second; evaluate alone %.1f s, %d decisions per CPU second   (load %s before the run, %s after)"
          % (n, s["records"], s["seconds"], s["cores"], s["recordsPerSecondPerCore"], s.get("cpuSeconds", -1),
             s.get("recordsPerCpuSecond", 0), s["evaluateSeconds"], s["decisionsPerEvaluateSecond"], r["loadBefore"], r["loadAfter"]))
c = run("cli-evaluate-jsonl")
print("CLI batch (evaluate --jsonl, one thread a core, start-up included): %d records in %.1f s on %d cores: %d records/s per core;"
      " %.1f s of process CPU, %d records per CPU second   (load %s before, %s after)"
      % (records, c["wall"], cores, records / c["wall"] / cores, c["cpu"], records / c["cpu"], c["loadBefore"], c["loadAfter"]))
ratio = stages[1]["seconds"] / stages[2]["seconds"]
print("local[2] / local[1], deciding stage: %.2fx (%.1f s against %.1f s of wall-clock time)%s" % (ratio, stages[2]["seconds"],
      stages[1]["seconds"], "; each run pinned to as many cores as task threads (PIN=1)" if pinned else "; neither run pinned: local[1] may use every core"))
quiet = all(float(run("spark-local-%d" % n)["loadBefore"].split()[0]) < 0.5 for n in (1, 2))
best = max(stages[n]["recordsPerSecondPerCore"] for n in (1, 2))
print("targets: 50,000 records/s per core in the deciding stage: %s (best %d); local[2] at least 1.6x local[1]: %s (%.2fx)%s"
      % ("met" if best >= 50000 else "NOT met", best, "met" if ratio >= 1.6 else "NOT met", ratio,
         "" if quiet else "; the machine was not quiet (1-minute load 0.5 or more before a Spark run): wall-clock figures count the"
         " neighbours too, read the CPU figures"))
PY
